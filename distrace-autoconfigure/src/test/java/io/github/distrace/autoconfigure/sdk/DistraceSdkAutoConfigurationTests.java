package io.github.distrace.autoconfigure.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DistraceSdkAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(OpenTelemetrySdk.class)
				.hasSingleBean(Tracer.class)
				.hasSingleBean(SdkTracerProvider.class)
				.hasSingleBean(BatchSpanProcessor.class)
				.hasSingleBean(Resource.class)
				.hasSingleBean(Sampler.class)
				.hasSingleBean(SpanLimits.class)
				.hasSingleBean(ContextPropagators.class)
				.hasSingleBean(SpanExportStatistics.class)
				.hasSingleBean(SpanExportMeterBinder.class);
			assertThat(context.getBean(OpenTelemetry.class)).isSameAs(context.getBean(OpenTelemetrySdk.class));
			Span span = context.getBean(Tracer.class).spanBuilder("work").startSpan();
			assertThat(span.isRecording()).isTrue();
			span.end();
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		// Disabled, distrace steps aside: no no-op OpenTelemetry or Tracer of its own
		// that would make another provider (Spring Boot's starter) back off.
		this.contextRunner.withPropertyValues("distrace.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(SdkTracerProvider.class)
				.doesNotHaveBean(BatchSpanProcessor.class)
				.doesNotHaveBean(OpenTelemetry.class)
				.doesNotHaveBean(Tracer.class);
		});
	}

	@Test
	void shouldLeaveAnotherProvidersOpenTelemetryAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.withUserConfiguration(UserOpenTelemetryConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(OpenTelemetry.class)
					.doesNotHaveBean(Tracer.class)
					.doesNotHaveBean(SpanExportStatistics.class);
				assertThat(context.getBean(OpenTelemetry.class))
					.isSameAs(context.getBean(UserOpenTelemetryConfiguration.class).openTelemetry);
			});
	}

	@Test
	void shouldBackOffOnCustomOpenTelemetry() {
		this.contextRunner.withUserConfiguration(UserOpenTelemetryConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(SdkTracerProvider.class)
				.doesNotHaveBean(BatchSpanProcessor.class)
				.hasSingleBean(OpenTelemetry.class)
				.hasSingleBean(Tracer.class);
			assertThat(context.getBean(OpenTelemetry.class))
				.isSameAs(context.getBean(UserOpenTelemetryConfiguration.class).openTelemetry);
		});
	}

	@Test
	void shouldBackOffOnCustomSdkParts() {
		this.contextRunner.withUserConfiguration(UserSdkPartsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Sampler.class).hasSingleBean(Resource.class);
			assertThat(context.getBean(Sampler.class)).isSameAs(UserSdkPartsConfiguration.SAMPLER);
			assertThat(context.getBean(Resource.class)).isSameAs(UserSdkPartsConfiguration.RESOURCE);
			Span span = context.getBean(Tracer.class).spanBuilder("work").startSpan();
			assertThat(span.isRecording()).isFalse();
		});
	}

	@Test
	void shouldNotSupplyMetricsIfMicrometerIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(SpanExportStatistics.class)
				.doesNotHaveBean(SpanExportMeterBinder.class));
	}

	@Test
	void shouldSupplyHealthIndicatorNamedDistrace() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(DistraceHealthIndicator.class)
			.hasBean("distraceHealthIndicator"));
	}

	@Test
	void shouldNotSupplyHealthIndicatorIfHealthIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DistraceHealthIndicator.class));
	}

	@Test
	void shouldNotSupplyHealthIndicatorWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DistraceHealthIndicator.class));
	}

	@Test
	void shouldSupplyEndpointWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=distrace")
			.run((context) -> assertThat(context).hasSingleBean(DistraceEndpoint.class));
	}

	@Test
	void shouldNotSupplyEndpointUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(DistraceEndpoint.class));
	}

	@Test
	void shouldNotSupplyEndpointIfActuatorAutoConfigurationIsMissing() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=distrace")
			.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DistraceEndpoint.class));
	}

	@Test
	void healthIsUpWithNoExporterOfDistrace() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(DistraceHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsOnlyKeys("exported", "dropped", "failed");
		});
	}

	@Test
	void shouldNotSupplyBeansIfSdkIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OpenTelemetrySdk.class))
			.run((context) -> assertThat(context).doesNotHaveBean(OpenTelemetry.class)
				.doesNotHaveBean(Tracer.class)
				.doesNotHaveBean(DistraceProperties.class));
	}

	@Test
	void serviceNameComesFromDistraceServiceNameFirst() {
		this.contextRunner.withPropertyValues("distrace.service-name=orders", "spring.application.name=app")
			.run((context) -> assertThat(serviceName(context.getBean(Resource.class))).isEqualTo("orders"));
	}

	@Test
	void serviceNameFallsBackToApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=app")
			.run((context) -> assertThat(serviceName(context.getBean(Resource.class))).isEqualTo("app"));
	}

	@Test
	void serviceNameDefaultsToUnknownService() {
		this.contextRunner.run((context) -> assertThat(serviceName(context.getBean(Resource.class)))
			.isEqualTo("unknown_service:java"));
	}

	@Test
	void resourceHasConfiguredAttributesAndSdkAttributes() {
		this.contextRunner
			.withPropertyValues("distrace.resource-attributes.deployment.environment.name=prod",
					"distrace.resource-attributes.team=payments")
			.run((context) -> {
				Resource resource = context.getBean(Resource.class);
				assertThat(resource.getAttribute(AttributeKey.stringKey("deployment.environment.name")))
					.isEqualTo("prod");
				assertThat(resource.getAttribute(AttributeKey.stringKey("team"))).isEqualTo("payments");
				assertThat(resource.getAttribute(AttributeKey.stringKey("telemetry.sdk.name")))
					.isEqualTo("opentelemetry");
				assertThat(resource.getAttribute(AttributeKey.stringKey("telemetry.sdk.language"))).isEqualTo("java");
				assertThat(resource.getAttribute(AttributeKey.stringKey("telemetry.sdk.version"))).isNotBlank();
			});
	}

	@Test
	void defaultSamplerIsParentBasedAlwaysOnRecordingWhatItDropsForTheKeepRules() {
		this.contextRunner.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
			.isEqualTo("RecordingSampler{" + Sampler.parentBased(Sampler.alwaysOn()).getDescription() + "}"));
	}

	@Test
	void withoutKeepRulesTheHeadSamplerDecidesAlone() {
		this.contextRunner
			.withPropertyValues("distrace.sampler.keep.errors=false", "distrace.sampler.keep.n-plus-one=false")
			.run((context) -> {
				assertThat(context.getBean(Sampler.class).getDescription())
					.isEqualTo(Sampler.parentBased(Sampler.alwaysOn()).getDescription());
				assertThat(context.getBean(DistraceProperties.class).getSampler().getKeep().isNPlusOne()).isFalse();
			});
	}

	@Test
	void samplerTypesMapToSdkSamplers() {
		Map<String, Sampler> expected = Map.of("always_on", Sampler.alwaysOn(), "always_off", Sampler.alwaysOff(),
				"traceidratio", Sampler.traceIdRatioBased(0.25), "parentbased_always_off",
				Sampler.parentBased(Sampler.alwaysOff()), "parentbased_traceidratio",
				Sampler.parentBased(Sampler.traceIdRatioBased(0.25)));
		expected.forEach((type, sampler) -> this.contextRunner
			.withPropertyValues("distrace.sampler.type=" + type, "distrace.sampler.ratio=0.25",
					"distrace.sampler.keep.errors=false", "distrace.sampler.keep.n-plus-one=false")
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.isEqualTo(sampler.getDescription())));
	}

	@Test
	void defaultPropagationIsTraceContextAndBaggage() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator().fields())
				.containsExactlyInAnyOrder("traceparent", "tracestate", "baggage"));
	}

	@Test
	void propagationListSelectsPropagators() {
		this.contextRunner.withPropertyValues("distrace.propagation=b3,b3multi,jaeger").run((context) -> {
			ContextPropagators propagators = context.getBean(ContextPropagators.class);
			assertThat(propagators.getTextMapPropagator().fields()).contains("b3", "X-B3-TraceId", "uber-trace-id")
				.doesNotContain("traceparent", "baggage");
		});
	}

	@Test
	void spanLimitsComeFromProperties() {
		this.contextRunner
			.withPropertyValues("distrace.limits.max-attribute-value-length=16", "distrace.limits.max-attributes=3")
			.withBean(InMemorySpanExporter.class, InMemorySpanExporter::create)
			.run((context) -> {
				SpanLimits limits = context.getBean(SpanLimits.class);
				assertThat(limits.getMaxAttributeValueLength()).isEqualTo(16);
				assertThat(limits.getMaxNumberOfAttributes()).isEqualTo(3);
				Span span = context.getBean(Tracer.class).spanBuilder("limits").startSpan();
				span.setAttribute("db.query.text", "SELECT * FROM a_table_with_a_long_name");
				span.setAttribute("b", "1");
				span.setAttribute("c", "1");
				span.setAttribute("d", "1");
				span.end();
				context.getBean(SdkTracerProvider.class).forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
				SpanData data = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems().get(0);
				assertThat(data.getAttributes().get(AttributeKey.stringKey("db.query.text")))
					.isEqualTo("SELECT * FROM a_");
				assertThat(data.getAttributes().size()).isEqualTo(3);
			});
	}

	@Test
	void defaultAttributeValueLengthIsCapped() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SpanLimits.class).getMaxAttributeValueLength())
			.isEqualTo(4096));
	}

	@Test
	void userExportersAndProcessorsAndCustomizersAreApplied() {
		this.contextRunner.withUserConfiguration(UserExtensionsConfiguration.class).run((context) -> {
			UserExtensionsConfiguration extensions = context.getBean(UserExtensionsConfiguration.class);
			Span span = context.getBean(Tracer.class).spanBuilder("extended").startSpan();
			span.end();
			context.getBean(SdkTracerProvider.class).forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(extensions.started).containsExactly("extended");
			SpanData exported = extensions.exporter.getFinishedSpanItems().get(0);
			assertThat(exported.getName()).isEqualTo("extended");
			assertThat(exported.getAttributes().get(AttributeKey.stringKey("added.by.processor"))).isEqualTo("yes");
			assertThat(extensions.customized).isTrue();
		});
	}

	@Test
	void userExporterReceivesEverySpanWhenTheContextCloses() {
		List<SpanData> received = new ArrayList<>();
		this.contextRunner.withPropertyValues("distrace.batch.schedule-delay=1h")
			.withBean(SpanExporter.class, () -> new RecordingExporter(received))
			.run((context) -> {
				Tracer tracer = context.getBean(Tracer.class);
				for (int i = 0; i < 100; i++) {
					tracer.spanBuilder("span-" + i).startSpan().end();
				}
				assertThat(received).isEmpty();
			});
		assertThat(received).hasSize(100);
	}

	@Test
	void spansOfOneTraceShareTheTraceIdAndParent() {
		this.contextRunner.withBean(InMemorySpanExporter.class, InMemorySpanExporter::create).run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			Span parent = tracer.spanBuilder("parent").startSpan();
			Span child = tracer.spanBuilder("child").setParent(Context.current().with(parent)).startSpan();
			child.end();
			parent.end();
			context.getBean(SdkTracerProvider.class).forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
			List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
			assertThat(spans).extracting(SpanData::getTraceId).containsOnly(parent.getSpanContext().getTraceId());
			assertThat(spans.get(0).getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
		});
	}

	private static String serviceName(Resource resource) {
		return resource.getAttribute(AttributeKey.stringKey("service.name"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserOpenTelemetryConfiguration {

		final OpenTelemetry openTelemetry = OpenTelemetrySdk.builder().build();

		@Bean
		OpenTelemetry userOpenTelemetry() {
			return this.openTelemetry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSdkPartsConfiguration {

		static final Sampler SAMPLER = Sampler.alwaysOff();

		static final Resource RESOURCE = Resource.empty();

		@Bean
		Sampler userSampler() {
			return SAMPLER;
		}

		@Bean
		Resource userResource() {
			return RESOURCE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserExtensionsConfiguration {

		final InMemorySpanExporter exporter = InMemorySpanExporter.create();

		final List<String> started = new ArrayList<>();

		boolean customized;

		@Bean
		SpanExporter userExporter() {
			return this.exporter;
		}

		@Bean
		SpanProcessor userProcessor() {
			return new SpanProcessor() {

				@Override
				public void onStart(Context parentContext, ReadWriteSpan span) {
					UserExtensionsConfiguration.this.started.add(span.getName());
					span.setAttribute("added.by.processor", "yes");
				}

				@Override
				public boolean isStartRequired() {
					return true;
				}

				@Override
				public void onEnd(ReadableSpan span) {
				}

				@Override
				public boolean isEndRequired() {
					return false;
				}

			};
		}

		@Bean
		DistraceTracerProviderCustomizer userCustomizer() {
			return (builder) -> this.customized = true;
		}

	}

	static final class RecordingExporter implements SpanExporter {

		private final List<SpanData> received;

		private boolean shutdown;

		RecordingExporter(List<SpanData> received) {
			this.received = received;
		}

		@Override
		public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<SpanData> spans) {
			if (!this.shutdown) {
				this.received.addAll(spans);
			}
			return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
		}

		@Override
		public io.opentelemetry.sdk.common.CompletableResultCode flush() {
			return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
		}

		// Spring calls this too, as the bean's inferred destroy method: spans must be
		// flushed to it before.
		@Override
		public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
			this.shutdown = true;
			return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
		}

	}

}
