package io.github.distrace.autoconfigure.sdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.TestCertificates;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The OTLP exporter over TLS through a Spring Boot SSL bundle, against real receivers in
 * this JVM that serve certificates of a private certificate authority made for the test:
 * over http/protobuf and gRPC, with and without client certificates.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtlpTlsExportTests {

	private static final String BUNDLE = "spring.ssl.bundle.pem.collector.";

	@TempDir
	static Path directory;

	private static TestCertificates certificates;

	private static TestCertificates otherAuthority;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DistraceSdkAutoConfiguration.class))
		.withPropertyValues("distrace.batch.schedule-delay=50ms", "distrace.otlp.ssl.bundle=collector");

	@BeforeAll
	static void makeCertificates() throws Exception {
		certificates = TestCertificates.create(directory.resolve("ca"));
		otherAuthority = TestCertificates.create(directory.resolve("other-ca"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void privateCertificateAuthorityTrustedThroughTheBundle(String protocol) throws Exception {
		try (OtlpReceiver receiver = receiver(protocol, false)) {
			this.contextRunner.withPropertyValues(endpoint(receiver, protocol))
				.withPropertyValues(trusting(certificates))
				.run((context) -> {
					context.getBean(Tracer.class).spanBuilder("over-tls").startSpan().end();
					assertThat(receiver.awaitSpan("over-tls").kind()).isEqualTo("INTERNAL");
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void mutualTlsWithTheBundlesClientCertificate(String protocol) throws Exception {
		try (OtlpReceiver receiver = receiver(protocol, true)) {
			this.contextRunner.withPropertyValues(endpoint(receiver, protocol))
				.withPropertyValues(trusting(certificates),
						BUNDLE + "keystore.certificate=file:" + certificates.clientCertificate(),
						BUNDLE + "keystore.private-key=file:" + certificates.clientPrivateKey())
				.run((context) -> {
					context.getBean(Tracer.class).spanBuilder("mutual-tls").startSpan().end();
					receiver.awaitSpan("mutual-tls");
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void receiverThatRequiresAClientCertificateRefusesABundleWithout(String protocol) throws Exception {
		try (OtlpReceiver receiver = receiver(protocol, true)) {
			this.contextRunner.withPropertyValues(endpoint(receiver, protocol))
				.withPropertyValues(trusting(certificates))
				.run((context) -> {
					context.getBean(Tracer.class).spanBuilder("no-client-certificate").startSpan().end();
					SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
					await().atMost(Duration.ofSeconds(30)).until(() -> statistics.failedSpans() == 1);
					assertThat(receiver.spans()).isEmpty();
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void untrustedServerCertificateFailsTheExportCountedAndLoggedOnce(String protocol, CapturedOutput output)
			throws Exception {
		try (OtlpReceiver receiver = receiver(protocol, false)) {
			// A real application, so that OpenTelemetry's java.util.logging goes through
			// Spring Boot's logging system as it does for users.
			SpringApplication application = new SpringApplication(TestApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			String[] endpoint = endpoint(receiver, protocol);
			// The test counts the spans it makes; the application's start-up trace is not
			// one.
			try (ConfigurableApplicationContext context = application.run("--" + endpoint[0], "--" + endpoint[1],
					"--distrace.startup.enabled=false", "--distrace.batch.schedule-delay=50ms",
					"--distrace.otlp.ssl.bundle=collector", "--" + trusting(otherAuthority))) {
				Tracer tracer = context.getBean(Tracer.class);
				tracer.spanBuilder("untrusted").startSpan().end();
				SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
				await().atMost(Duration.ofSeconds(30)).until(() -> statistics.failedSpans() == 1);
				// The application goes on tracing as before.
				tracer.spanBuilder("after").startSpan().end();
				await().atMost(Duration.ofSeconds(30)).until(() -> statistics.failedSpans() == 2);
				assertThat(statistics.exportedSpans()).isZero();
			}
			assertThat(receiver.spans()).isEmpty();
		}
		String log = output.toString();
		assertThat(log).contains("WARN").contains("Failed to export");
		assertThat(log.split("Failed to export", -1)).hasSize(3);
		assertThat(log).doesNotContain("\tat ").doesNotContain("SEVERE").doesNotContain("ERROR");
	}

	@Test
	void reloadedBundleServesTheExportsThatFollow() throws Exception {
		Path trusted = Files.createDirectories(directory.resolve("reloaded")).resolve("ca.pem");
		Files.copy(otherAuthority.caCertificate(), trusted, StandardCopyOption.REPLACE_EXISTING);
		try (OtlpReceiver receiver = OtlpReceiver.https(certificates, false)) {
			this.contextRunner
				.withPropertyValues("distrace.otlp.endpoint=" + receiver.endpoint(),
						BUNDLE + "truststore.certificate=file:" + trusted, BUNDLE + "reload-on-update=true",
						"spring.ssl.bundle.watch.file.quiet-period=100ms")
				.run((context) -> {
					Tracer tracer = context.getBean(Tracer.class);
					tracer.spanBuilder("before-reload").startSpan().end();
					SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
					await().atMost(Duration.ofSeconds(30)).until(() -> statistics.failedSpans() == 1);
					// The operator rotates the CA file; Spring Boot reloads the bundle.
					Files.copy(certificates.caCertificate(), trusted, StandardCopyOption.REPLACE_EXISTING);
					await().atMost(Duration.ofSeconds(30)).until(() -> {
						tracer.spanBuilder("after-reload").startSpan().end();
						return receiver.spans().stream().anyMatch((span) -> span.name().equals("after-reload"));
					});
					assertThat(receiver.spans()).noneMatch((span) -> span.name().equals("before-reload"));
				});
		}
	}

	@Test
	void unknownBundleStopsStartUpNamingThePropertyAndTheBundle(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--distrace.otlp.ssl.bundle=colector",
				"--" + BUNDLE + "truststore.certificate=file:" + certificates.caCertificate()));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'colector' for configuration property 'distrace.otlp.ssl.bundle'")
			.contains("no SSL bundle of that name is defined")
			.contains("spring.ssl.bundle.pem.colector")
			.contains("or name one of those defined: collector");
	}

	@Test
	void unknownBundleFailsTheContext() {
		this.contextRunner.withPropertyValues("distrace.otlp.ssl.bundle=missing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("distrace.otlp.ssl.bundle")
				.hasMessageContaining("missing");
		});
	}

	@Test
	void blankBundleIsRejected() {
		this.contextRunner.withPropertyValues("distrace.otlp.ssl.bundle= ").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("otlp.ssl.bundle");
		});
	}

	private static OtlpReceiver receiver(String protocol, boolean requireClientCertificate) throws Exception {
		return protocol.equals("grpc") ? OtlpReceiver.grpc(certificates, requireClientCertificate)
				: OtlpReceiver.https(certificates, requireClientCertificate);
	}

	private static String[] endpoint(OtlpReceiver receiver, String protocol) {
		return new String[] { "distrace.otlp.endpoint=" + receiver.endpoint(), "distrace.otlp.protocol=" + protocol };
	}

	private static String trusting(TestCertificates authority) {
		return BUNDLE + "truststore.certificate=file:" + authority.caCertificate();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, DistraceSdkAutoConfiguration.class })
	static class TestApplication {

	}

}
