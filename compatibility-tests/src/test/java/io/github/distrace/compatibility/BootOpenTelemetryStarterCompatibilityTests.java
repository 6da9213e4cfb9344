package io.github.distrace.compatibility;

import io.github.distrace.autoconfigure.sdk.SpanExportStatistics;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with both distrace and Spring Boot's own
 * {@code spring-boot-starter-opentelemetry}: one SDK is built, and every span is exported
 * once, whichever API created it.
 */
class BootOpenTelemetryStarterCompatibilityTests {

	@Test
	void oneSdkIsBuiltAndEverySpanIsExportedOnce() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			try (ConfigurableApplicationContext context = run("--distrace.otlp.endpoint=" + receiver.endpoint(),
					"--distrace.service-name=both-starters")) {
				assertThat(context.getBeansOfType(OpenTelemetry.class)).hasSize(1);
				assertThat(context.getBeansOfType(SdkTracerProvider.class)).hasSize(1);
				assertThat(context.getBeansOfType(BatchSpanProcessor.class)).hasSize(1);
				// Spring Boot's span processor backs off; distrace's own others (database
				// insight, with JDBC on this module's classpath) may be there.
				assertThat(context.getBeanNamesForType(SpanProcessor.class)).contains("distraceBatchSpanProcessor")
					.allMatch((name) -> name.startsWith("distrace"));
				context.getBean(Tracer.class).spanBuilder("from-opentelemetry-api").startSpan().end();
				io.micrometer.tracing.Tracer micrometer = context.getBean(io.micrometer.tracing.Tracer.class);
				micrometer.nextSpan().name("from-micrometer-tracing").start().end();
			}
			// The application's start-up trace too: every span once.
			assertThat(receiver.spans()).extracting(ReceivedSpan::name)
				.containsExactlyInAnyOrder("application start-up", "from-opentelemetry-api", "from-micrometer-tracing");
			assertThat(receiver.spans()).extracting(ReceivedSpan::serviceName).containsOnly("both-starters");
		}
	}

	@Test
	void bootsOtlpExporterBecomesOneMoreExporter() throws Exception {
		try (OtlpReceiver distraceReceiver = OtlpReceiver.http(); OtlpReceiver bootReceiver = OtlpReceiver.http()) {
			try (ConfigurableApplicationContext context = run("--distrace.otlp.endpoint=" + distraceReceiver.endpoint(),
					"--management.opentelemetry.tracing.export.otlp.endpoint=" + bootReceiver.endpoint()
							+ "/v1/traces")) {
				context.getBean(Tracer.class).spanBuilder("configured-twice").startSpan().end();
				assertThat(context.getBean(SpanExportStatistics.class)).isNotNull();
			}
			assertThat(distraceReceiver.spans()).extracting(ReceivedSpan::name)
				.containsExactlyInAnyOrder("application start-up", "configured-twice");
			assertThat(bootReceiver.spans()).extracting(ReceivedSpan::name)
				.containsExactlyInAnyOrder("application start-up", "configured-twice");
		}
	}

	// Until distrace.enabled=false stepped aside, its no-op OpenTelemetry bean silenced
	// Boot's SDK too; now Boot's starter traces as if distrace were absent.
	@Test
	void disablingDistraceLeavesBootsSdkInCharge() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			try (ConfigurableApplicationContext context = run("--distrace.enabled=false",
					"--management.tracing.sampling.probability=1.0",
					"--management.opentelemetry.tracing.export.otlp.endpoint=" + receiver.endpoint() + "/v1/traces")) {
				assertThat(context.getBeanNamesForType(OpenTelemetry.class)).containsExactly("openTelemetrySdk");
				assertThat(context.getBeanNamesForType(Tracer.class)).containsExactly("otelTracer");
				assertThat(context.getBean(OpenTelemetry.class)).isNotSameAs(OpenTelemetry.noop());
				assertThat(context.getBeanNamesForType(SpanExportStatistics.class)).isEmpty();
				context.getBean(Tracer.class).spanBuilder("from-boots-sdk").startSpan().end();
			}
			assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("from-boots-sdk");
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(BothStartersApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// No metrics backend here; keep the log to what the test is about.
		application.setDefaultProperties(java.util.Map.of("management.otlp.metrics.export.enabled", "false"));
		return application.run(args);
	}

	@SpringBootApplication
	static class BothStartersApplication {

	}

}
