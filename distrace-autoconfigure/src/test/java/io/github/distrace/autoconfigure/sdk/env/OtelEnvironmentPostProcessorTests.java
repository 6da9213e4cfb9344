package io.github.distrace.autoconfigure.sdk.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Maps OpenTelemetry's variables in an environment whose system environment and system
 * properties are real property sources of those kinds, holding test values.
 */
class OtelEnvironmentPostProcessorTests {

	private final Map<String, Object> variables = new HashMap<>();

	private final Map<String, Object> systemProperties = new HashMap<>();

	@Test
	void everyVariableMapsToItsProperty() {
		this.variables.putAll(Map.ofEntries(Map.entry("OTEL_SERVICE_NAME", "checkout"),
				Map.entry("OTEL_TRACES_EXPORTER", "otlp,console"),
				Map.entry("OTEL_PROPAGATORS", "tracecontext,b3multi"),
				Map.entry("OTEL_TRACES_SAMPLER", "parentbased_traceidratio"),
				Map.entry("OTEL_TRACES_SAMPLER_ARG", "0.25"),
				Map.entry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"),
				Map.entry("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/custom/traces"),
				Map.entry("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"), Map.entry("OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"),
				Map.entry("OTEL_EXPORTER_OTLP_TIMEOUT", "2500"), Map.entry("OTEL_BSP_SCHEDULE_DELAY", "200"),
				Map.entry("OTEL_BSP_EXPORT_TIMEOUT", "3000"), Map.entry("OTEL_BSP_MAX_QUEUE_SIZE", "4096"),
				Map.entry("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "256"),
				Map.entry("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "1000"),
				Map.entry("OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "64"), Map.entry("OTEL_SPAN_EVENT_COUNT_LIMIT", "32"),
				Map.entry("OTEL_SPAN_LINK_COUNT_LIMIT", "16"), Map.entry("OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", "8")));
		StandardEnvironment environment = postProcessed();
		assertThat(environment.getProperty("distrace.service-name")).isEqualTo("checkout");
		assertThat(environment.getProperty("distrace.exporter")).isEqualTo("otlp,logging");
		assertThat(environment.getProperty("distrace.propagation")).isEqualTo("tracecontext,b3multi");
		assertThat(environment.getProperty("distrace.sampler.type")).isEqualTo("parentbased_traceidratio");
		assertThat(environment.getProperty("distrace.sampler.ratio")).isEqualTo("0.25");
		assertThat(environment.getProperty("distrace.otlp.endpoint")).isEqualTo("http://collector:4318");
		assertThat(environment.getProperty("distrace.otlp.traces-endpoint"))
			.isEqualTo("http://collector:4318/custom/traces");
		assertThat(environment.getProperty("distrace.otlp.protocol")).isEqualTo("grpc");
		assertThat(environment.getProperty("distrace.otlp.compression")).isEqualTo("gzip");
		assertThat(environment.getProperty("distrace.otlp.timeout")).isEqualTo("2500ms");
		assertThat(environment.getProperty("distrace.batch.schedule-delay")).isEqualTo("200ms");
		assertThat(environment.getProperty("distrace.batch.export-timeout")).isEqualTo("3000ms");
		assertThat(environment.getProperty("distrace.batch.max-queue-size")).isEqualTo("4096");
		assertThat(environment.getProperty("distrace.batch.max-export-batch-size")).isEqualTo("256");
		assertThat(environment.getProperty("distrace.limits.max-attribute-value-length")).isEqualTo("1000");
		assertThat(environment.getProperty("distrace.limits.max-attributes")).isEqualTo("64");
		assertThat(environment.getProperty("distrace.limits.max-events")).isEqualTo("32");
		assertThat(environment.getProperty("distrace.limits.max-links")).isEqualTo("16");
		assertThat(environment.getProperty("distrace.limits.max-attributes-per-event")).isEqualTo("8");
	}

	@Test
	void headersAndResourceAttributesArePercentDecoded() {
		this.variables.put("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic%20dXNlcjpwYXNz,x-tenant=a+b");
		this.variables.put("OTEL_RESOURCE_ATTRIBUTES",
				"deployment.environment.name=prod,k8s.pod.name=orders-7f9c%2C1 ,team=pay%3Dments");
		StandardEnvironment environment = postProcessed();
		assertThat(environment.getProperty("distrace.otlp.headers[Authorization]")).isEqualTo("Basic dXNlcjpwYXNz");
		assertThat(environment.getProperty("distrace.otlp.headers[x-tenant]")).isEqualTo("a+b");
		assertThat(environment.getProperty("distrace.resource-attributes[deployment.environment.name]"))
			.isEqualTo("prod");
		assertThat(environment.getProperty("distrace.resource-attributes[k8s.pod.name]")).isEqualTo("orders-7f9c,1");
		assertThat(environment.getProperty("distrace.resource-attributes[team]")).isEqualTo("pay=ments");
	}

	@Test
	void tracesSettingsReplaceTheGeneralOnes() {
		this.variables.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
		this.variables.put("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
		this.variables.put("OTEL_EXPORTER_OTLP_TIMEOUT", "1000");
		this.variables.put("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "2000");
		this.variables.put("OTEL_EXPORTER_OTLP_HEADERS", "general=1");
		this.variables.put("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "traces=1");
		StandardEnvironment environment = postProcessed();
		assertThat(environment.getProperty("distrace.otlp.protocol")).isEqualTo("http/protobuf");
		assertThat(environment.getProperty("distrace.otlp.timeout")).isEqualTo("2000ms");
		assertThat(environment.getProperty("distrace.otlp.headers[traces]")).isEqualTo("1");
		assertThat(environment.getProperty("distrace.otlp.headers[general]")).isNull();
	}

	@Test
	void sdkDisabledDisablesDistraceAndEmptyValuesCountAsUnset() {
		this.variables.put("OTEL_SDK_DISABLED", "TRUE");
		this.variables.put("OTEL_SERVICE_NAME", "");
		StandardEnvironment environment = postProcessed();
		assertThat(environment.getProperty("distrace.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("distrace.service-name")).isNull();
	}

	@Test
	void propagatorsNoneMeansNoPropagator() {
		this.variables.put("OTEL_PROPAGATORS", "none");
		assertThat(postProcessed().getProperty("distrace.propagation")).isEmpty();
	}

	@Test
	void systemPropertyWinsOverVariable() {
		this.variables.put("OTEL_SERVICE_NAME", "from-variable");
		this.systemProperties.put("otel.service.name", "from-system-property");
		assertThat(postProcessed().getProperty("distrace.service-name")).isEqualTo("from-system-property");
	}

	@Test
	void variableSitsAboveApplicationPropertiesAndBelowEverythingExplicit() {
		this.variables.put("OTEL_SERVICE_NAME", "from-otel");
		this.variables.put("OTEL_TRACES_SAMPLER", "always_off");
		this.variables.put("DISTRACE_SAMPLER_TYPE", "always_on");
		this.variables.put("OTEL_BSP_MAX_QUEUE_SIZE", "100");
		this.systemProperties.put("distrace.batch.max-queue-size", "200");
		this.variables.put("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "10");
		this.variables.put("OTEL_SPAN_LINK_COUNT_LIMIT", "5");
		StandardEnvironment environment = environment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--distrace.batch.max-export-batch-size=20"));
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml",
					Map.of("distrace.service-name", "from-yml", "distrace.limits.max-links", "7")));
		postProcess(environment);
		assertThat(environment.getProperty("distrace.service-name")).isEqualTo("from-otel");
		assertThat(environment.getProperty("distrace.sampler.type")).isEqualTo("always_on");
		assertThat(environment.getProperty("distrace.batch.max-queue-size")).isEqualTo("200");
		assertThat(environment.getProperty("distrace.batch.max-export-batch-size")).isEqualTo("20");
		assertThat(environment.getProperty("distrace.limits.max-links")).isEqualTo("5");
	}

	@Test
	void certificateVariablesDefineAPemBundleAndSelectIt(@TempDir Path directory) throws IOException {
		Path ca = Files.writeString(directory.resolve("ca.pem"), "ca");
		Path client = Files.writeString(directory.resolve("client.pem"), "client");
		Path key = Files.writeString(directory.resolve("client-key.pem"), "key");
		this.variables.put("OTEL_EXPORTER_OTLP_CERTIFICATE", directory.resolve("general.pem").toString());
		this.variables.put("OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", ca.toString());
		this.variables.put("OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", client.toString());
		this.systemProperties.put("otel.exporter.otlp.client.key", key.toString());
		StandardEnvironment environment = postProcessed();
		assertThat(environment.getProperty("distrace.otlp.ssl.bundle")).isEqualTo("distrace-otlp");
		assertThat(environment.getProperty("spring.ssl.bundle.pem.distrace-otlp.truststore.certificate"))
			.isEqualTo("file:" + ca);
		assertThat(environment.getProperty("spring.ssl.bundle.pem.distrace-otlp.keystore.certificate"))
			.isEqualTo("file:" + client);
		assertThat(environment.getProperty("spring.ssl.bundle.pem.distrace-otlp.keystore.private-key"))
			.isEqualTo("file:" + key);
	}

	@Test
	void bundleNamedAnywhereWinsOverTheCertificateVariables(@TempDir Path directory) throws IOException {
		this.variables.put("OTEL_EXPORTER_OTLP_CERTIFICATE",
				Files.writeString(directory.resolve("ca.pem"), "ca").toString());
		StandardEnvironment environment = environment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml", Map.of("distrace.otlp.ssl.bundle", "corporate")));
		postProcess(environment);
		assertThat(environment.getProperty("distrace.otlp.ssl.bundle")).isEqualTo("corporate");
		assertThat(environment.getProperty("spring.ssl.bundle.pem.distrace-otlp.truststore.certificate")).isNull();
	}

	@Test
	void certificateThatIsNoFileFailsNamingTheVariable(@TempDir Path directory) {
		this.variables.put("OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", directory.resolve("missing.pem").toString());
		assertThatIllegalStateException().isThrownBy(this::postProcessed)
			.withMessageContaining("environment variable OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE")
			.withMessageContaining("no readable file at that path");
	}

	@Test
	void clientKeyWithoutItsCertificateFailsNamingTheVariable(@TempDir Path directory) throws IOException {
		this.variables.put("OTEL_EXPORTER_OTLP_CLIENT_KEY",
				Files.writeString(directory.resolve("key.pem"), "key").toString());
		assertThatIllegalStateException().isThrownBy(this::postProcessed)
			.withMessageContaining("environment variable OTEL_EXPORTER_OTLP_CLIENT_KEY")
			.withMessageContaining("needs its certificate");
	}

	@Test
	void withoutVariablesNoPropertySourceIsAdded() {
		StandardEnvironment environment = postProcessed();
		assertThat(environment.getPropertySources().contains(OtelEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			OTEL_SDK_DISABLED              | yes              | use true or false
			OTEL_TRACES_SAMPLER            | jaeger_remote    | 'jaeger_remote' is not supported
			OTEL_TRACES_SAMPLER            | sometimes        | parentbased_traceidratio
			OTEL_TRACES_SAMPLER_ARG        | half             | use a ratio from 0.0 to 1.0
			OTEL_TRACES_EXPORTER           | otlp,zipkin      | 'zipkin' is not supported
			OTEL_PROPAGATORS               | tracecontext,xray | 'xray' is not supported
			OTEL_EXPORTER_OTLP_PROTOCOL    | http/json        | 'http/json' is not supported
			OTEL_EXPORTER_OTLP_TRACES_COMPRESSION | zstd      | 'zstd' is not supported
			OTEL_TRACES_SAMPLER_ARG        | 1.5              | use a ratio from 0.0 to 1.0
			OTEL_EXPORTER_OTLP_TIMEOUT     | 10s              | use a positive whole number
			OTEL_BSP_SCHEDULE_DELAY        | 0                | use a positive whole number
			OTEL_BSP_MAX_QUEUE_SIZE        | many             | use a positive whole number
			OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT | -1              | use a positive whole number
			OTEL_EXPORTER_OTLP_HEADERS     | api-key          | key=value pairs
			OTEL_RESOURCE_ATTRIBUTES       | team=%ZZ         | malformed percent-encoding
			""")
	void valueThatDoesNotParseFailsNamingTheVariable(String variable, String value, String reason) {
		this.variables.put(variable, value);
		assertThatIllegalStateException().isThrownBy(this::postProcessed)
			.withMessageContaining("environment variable " + variable)
			.withMessageContaining("'" + value + "'")
			.withMessageContaining(reason);
	}

	@Test
	void invalidSystemPropertyIsNamed() {
		this.systemProperties.put("otel.bsp.max.queue.size", "many");
		assertThatIllegalStateException().isThrownBy(this::postProcessed)
			.withMessageContaining("system property otel.bsp.max.queue.size");
	}

	private StandardEnvironment postProcessed() {
		StandardEnvironment environment = environment();
		postProcess(environment);
		return environment;
	}

	private StandardEnvironment environment() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, new MapPropertySource(
					StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, this.systemProperties));
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, this.variables));
		return environment;
	}

	private static void postProcess(StandardEnvironment environment) {
		new OtelEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
	}

}
