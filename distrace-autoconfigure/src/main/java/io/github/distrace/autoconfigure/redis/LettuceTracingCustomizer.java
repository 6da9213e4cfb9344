package io.github.distrace.autoconfigure.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.tracing.Tracing;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * Hands distrace's {@link Tracing} to the Lettuce client resources that Spring Boot
 * builds. Lettuce has room for one tracing only; ordered last, distrace's replaces Spring
 * Boot's Micrometer observation of each command, so that a command makes one span, never
 * two.
 *
 * @author distrace
 */
final class LettuceTracingCustomizer implements ClientResourcesBuilderCustomizer, Ordered {

	private final Tracing tracing;

	LettuceTracingCustomizer(Tracing tracing) {
		this.tracing = tracing;
	}

	@Override
	public void customize(ClientResources.Builder builder) {
		builder.tracing(this.tracing);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
