package io.github.distrace.autoconfigure.sdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts a real application with a wrong property and checks what the user is shown:
 * Spring Boot's failure analysis, naming the property, the value and what is allowed.
 */
@ExtendWith(OutputCaptureExtension.class)
class DistracePropertiesValidationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					distrace.sampler.ratio=1.5              | distrace.sampler.ratio | 1.5 | must be between 0.0 and 1.0
					distrace.sampler.ratio=-0.1             | distrace.sampler.ratio | -0.1 | must be between 0.0 and 1.0
					distrace.otlp.endpoint=localhost:4318   | distrace.otlp.endpoint | localhost:4318 | must be an http or https URL
					distrace.otlp.endpoint=http://          | distrace.otlp.endpoint | http:// | must be an http or https URL
					distrace.jaeger.endpoint=http://:4317/  | distrace.jaeger.endpoint | http://:4317/ | must name a host
					distrace.batch.max-queue-size=-1        | distrace.batch.max-queue-size | -1 | must be a positive whole number
					distrace.batch.max-export-batch-size=4096 | distrace.batch.max-export-batch-size | 4096 | must not be larger than distrace.batch.max-queue-size (2048)
					distrace.otlp.timeout=0s                | distrace.otlp.timeout | PT0S | must be a positive duration
					distrace.shutdown-timeout=-5s           | distrace.shutdown-timeout | PT-5S | must be a positive duration
					distrace.limits.max-attribute-value-length=0 | distrace.limits.max-attribute-value-length | 0 | must be a positive whole number
					distrace.exporter=otlp,none             | distrace.exporter | "[otlp, none]" | 'none' cannot be combined with other exporters
					"distrace.service-name= "               | distrace.service-name | " " | must not be blank
					distrace.sampler.keep.slower-than=0s    | distrace.sampler.keep.slower-than | PT0S | must be a positive duration
					distrace.sampler.keep.slower-than=5m    | distrace.sampler.keep.slower-than | PT5M | must be shorter than distrace.sampler.keep.max-duration
					distrace.sampler.keep.max-buffered-spans=0 | distrace.sampler.keep.max-buffered-spans | 0 | must be a positive whole number
					distrace.sampler.keep.max-memory=0      | distrace.sampler.keep.max-memory | 0B | must be a positive size, such as 32MB
					distrace.sampler.keep.max-memory=-1MB   | distrace.sampler.keep.max-memory | -1048576B | must be a positive size
					""")
	void invalidValueStopsStartUpNamingPropertyValueAndRule(String property, String name, String value, String reason,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(property));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: " + name)
			.contains("Value: \"" + value + "\"")
			.contains(reason);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			distrace.exporter=otlp,zipkin   | distrace.exporter    | otlp,zipkin   | jaeger
			distrace.propagation=xray       | distrace.propagation | xray          | b3multi
			distrace.sampler.type=sometimes | distrace.sampler.type | sometimes    | parentbased_traceidratio
			distrace.otlp.protocol=http/json | distrace.otlp.protocol | http/json  | http/protobuf
			distrace.otlp.compression=zstd  | distrace.otlp.compression | zstd      | gzip
			""")
	void unknownChoiceStopsStartUpListingTheValidOnes(String property, String name, String value, String validOne,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(property));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: " + name)
			.contains("Value: \"" + value + "\"")
			.contains("The following values are valid")
			.contains(validOne);
	}

	@Test
	void headerWithLineBreakIsRejected(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("distrace.otlp.headers.api-key=secret\r\nX-Injected: 1"));
		assertThat(output).contains("distrace.otlp.headers").contains("without line breaks");
	}

	@Test
	void validNamesInAnyCaseAreAccepted() {
		run("distrace.exporter=NONE", "distrace.sampler.type=ParentBased_TraceIdRatio", "distrace.sampler.ratio=0.5",
				"distrace.otlp.protocol=grpc", "distrace.propagation=tracecontext, b3multi")
			.close();
	}

	private static org.springframework.context.ConfigurableApplicationContext run(String... properties) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] args = java.util.Arrays.stream(properties).map((property) -> "--" + property).toArray(String[]::new);
		return application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DistraceSdkAutoConfiguration.class)
	static class TestApplication {

	}

}
