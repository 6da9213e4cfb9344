package io.github.distrace.autoconfigure.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Redis command spans.
 *
 * @author distrace
 */
@ConfigurationProperties("distrace.redis")
public class DistraceRedisProperties {

	/**
	 * Whether each Redis command sent through Lettuce or Jedis gets a query span, with
	 * its keys and without its values.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
