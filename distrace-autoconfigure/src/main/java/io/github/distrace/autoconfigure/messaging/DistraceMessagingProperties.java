package io.github.distrace.autoconfigure.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of producer and consumer spans for Kafka and RabbitMQ.
 *
 * @author distrace
 */
@ConfigurationProperties("distrace.messaging")
public class DistraceMessagingProperties {

	/**
	 * Whether to create a producer span for each message sent and a consumer span for
	 * each message (or batch) handled by a listener, with Kafka and RabbitMQ, and to
	 * carry the trace context in message headers.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
