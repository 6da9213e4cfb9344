package io.github.distrace.autoconfigure.sdk;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.distrace.autoconfigure.sdk.propagation.PropagatorType;
import io.github.distrace.autoconfigure.sdk.propagation.Propagators;
import io.github.distrace.autoconfigure.sdk.sampling.KeepRules;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Turns {@link DistraceProperties} into the SDK's resource, sampler, span limits and
 * propagators.
 *
 * @author distrace
 */
final class SdkComponents {

	static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private SdkComponents() {
	}

	/**
	 * The SDK's default resource ({@code telemetry.sdk.*}), the detected attributes
	 * ({@link DetectedResource}), and over them the configured attributes and
	 * {@code service.name} from, in order, {@code distrace.service-name}, a
	 * {@code service.name} resource attribute, {@code spring.application.name}, or the
	 * SDK's {@code unknown_service:java}.
	 */
	static Resource resource(DistraceProperties properties, Environment environment,
			@Nullable BuildProperties buildProperties) {
		ResourceBuilder builder = Resource.builder();
		properties.getResourceAttributes().forEach(builder::put);
		String serviceName = properties.getServiceName();
		if (serviceName == null && !properties.getResourceAttributes().containsKey(SERVICE_NAME.getKey())) {
			serviceName = environment.getProperty("spring.application.name");
		}
		if (StringUtils.hasText(serviceName)) {
			builder.put(SERVICE_NAME, serviceName);
		}
		Set<ResourceDetector> disabled = EnumSet.noneOf(ResourceDetector.class);
		disabled.addAll(properties.getResource().getDisabledDetectors());
		Resource detected = DetectedResource.detect(buildProperties, disabled);
		return Resource.getDefault().merge(detected).merge(builder.build());
	}

	static Sampler sampler(DistraceProperties.Sampler sampler) {
		double ratio = sampler.getRatio();
		return switch (sampler.getType()) {
			case ALWAYS_ON -> Sampler.alwaysOn();
			case ALWAYS_OFF -> Sampler.alwaysOff();
			case TRACEIDRATIO -> Sampler.traceIdRatioBased(ratio);
			case PARENTBASED_ALWAYS_ON -> Sampler.parentBased(Sampler.alwaysOn());
			case PARENTBASED_ALWAYS_OFF -> Sampler.parentBased(Sampler.alwaysOff());
			case PARENTBASED_TRACEIDRATIO -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
		};
	}

	static KeepRules keepRules(DistraceProperties.Sampler sampler) {
		DistraceProperties.Keep keep = sampler.getKeep();
		return new KeepRules(keep.isErrors(), keep.getSlowerThan(), keep.isNPlusOne(), keep.getMaxBufferedSpans(),
				keep.getMaxMemory().toBytes(), keep.getMaxDuration());
	}

	static SpanLimits spanLimits(DistraceProperties.Limits limits) {
		return SpanLimits.builder()
			.setMaxAttributeValueLength(limits.getMaxAttributeValueLength())
			.setMaxNumberOfAttributes(limits.getMaxAttributes())
			.setMaxNumberOfEvents(limits.getMaxEvents())
			.setMaxNumberOfLinks(limits.getMaxLinks())
			.setMaxNumberOfAttributesPerEvent(limits.getMaxAttributesPerEvent())
			.build();
	}

	static ContextPropagators propagators(List<PropagatorType> types) {
		OpenTelemetryLoggers.demoteMalformedPropagationHeaders();
		return Propagators.of(types);
	}

}
