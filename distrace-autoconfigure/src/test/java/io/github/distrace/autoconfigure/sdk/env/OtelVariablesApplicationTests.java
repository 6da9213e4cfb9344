package io.github.distrace.autoconfigure.sdk.env;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.github.distrace.test.TestCertificates;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts a real application whose environment variables are OpenTelemetry's, and checks
 * that spans reach a real OTLP receiver configured by them alone, and that a wrong value
 * stops start-up naming the variable.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtelVariablesApplicationTests {

	@Test
	void spansArriveWhereTheVariablesSayWithTheirServiceName() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			Map<String, Object> variables = new HashMap<>();
			variables.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
			variables.put("OTEL_SERVICE_NAME", "checkout");
			variables.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=staging%20eu");
			variables.put("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=s%3Dcret");
			variables.put("OTEL_BSP_SCHEDULE_DELAY", "50");
			try (ConfigurableApplicationContext context = run(variables)) {
				context.getBean(Tracer.class).spanBuilder("from-otel-variables").startSpan().end();
				ReceivedSpan span = receiver.awaitSpan("from-otel-variables");
				assertThat(span.serviceName()).isEqualTo("checkout");
				assertThat(span.resource()).containsEntry("deployment.environment.name", "staging eu");
				assertThat(receiver.requestHeaders().get(0)).containsEntry("x-api-key", "s=cret");
			}
		}
	}

	@Test
	void certificateVariablesReachAReceiverThatRequiresMutualTls(@TempDir Path directory) throws Exception {
		TestCertificates certificates = TestCertificates.create(directory);
		try (OtlpReceiver receiver = OtlpReceiver.https(certificates, true)) {
			Map<String, Object> variables = new HashMap<>();
			variables.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
			variables.put("OTEL_EXPORTER_OTLP_CERTIFICATE", certificates.caCertificate().toString());
			variables.put("OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", certificates.clientCertificate().toString());
			variables.put("OTEL_EXPORTER_OTLP_CLIENT_KEY", certificates.clientPrivateKey().toString());
			variables.put("OTEL_BSP_SCHEDULE_DELAY", "50");
			try (ConfigurableApplicationContext context = run(variables)) {
				context.getBean(Tracer.class).spanBuilder("over-mutual-tls").startSpan().end();
				receiver.awaitSpan("over-mutual-tls");
			}
		}
	}

	@Test
	void sdkDisabledLeavesNoTracer() {
		try (ConfigurableApplicationContext context = run(Map.of("OTEL_SDK_DISABLED", "true"))) {
			assertThat(context.getBeansOfType(Tracer.class)).isEmpty();
		}
	}

	@Test
	void unparsableValueStopsStartUpNamingTheVariable() {
		assertThatException().isThrownBy(() -> run(Map.of("OTEL_TRACES_SAMPLER", "jaeger_remote")))
			.withMessageContaining("environment variable OTEL_TRACES_SAMPLER")
			.withMessageContaining("'jaeger_remote' is not supported");
	}

	@Test
	void outOfRangeValueStopsStartUpNamingTheVariable() {
		assertThatException().isThrownBy(() -> run(Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "0")))
			.withMessageContaining("environment variable OTEL_BSP_MAX_QUEUE_SIZE")
			.withMessageContaining("use a positive whole number");
	}

	@Test
	void invalidEndpointStopsStartUpNamingThePropertyItMapsTo(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318")));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: distrace.otlp.endpoint")
			.contains("Value: \"collector:4318\"")
			.contains("must be an http or https URL");
	}

	private static ConfigurableApplicationContext run(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environment);
		return application.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, DistraceSdkAutoConfiguration.class })
	static class TestApplication {

	}

}
