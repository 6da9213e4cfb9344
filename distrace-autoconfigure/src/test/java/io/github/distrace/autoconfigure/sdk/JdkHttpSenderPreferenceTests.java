package io.github.distrace.autoconfigure.sdk;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.github.distrace.test.OtlpReceiver;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * distrace's OTLP/HTTP exporter sends through the JDK's {@code HttpClient} although
 * OkHttp's sender is on the class path too, and the lookup of any other service is left
 * alone.
 */
class JdkHttpSenderPreferenceTests {

	private static final String OKHTTP = "io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSenderProvider";

	private static final String JDK = "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";

	private static final String SENDER_SERVICE = "META-INF/services/io.opentelemetry.sdk.common.export.HttpSenderProvider";

	@TempDir
	Path directory;

	@Test
	void theExporterOfDistraceSendsThroughTheJdkHttpClient() throws Exception {
		// OpenTelemetry says which sender it took, at FINE.
		List<String> messages = Collections.synchronizedList(new ArrayList<>());
		Logger exporterLogger = Logger.getLogger("io.opentelemetry.exporter");
		Level level = exporterLogger.getLevel();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				messages.add(String.valueOf(record.getMessage()));
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		exporterLogger.setLevel(Level.FINE);
		exporterLogger.addHandler(handler);
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
				.withPropertyValues("distrace.exporter=otlp", "distrace.otlp.endpoint=" + receiver.endpoint())
				.run((context) -> {
					context.getBean(Tracer.class).spanBuilder("sent").startSpan().end();
					context.getBean(SdkTracerProvider.class).forceFlush();
					assertThat(receiver.awaitSpan("sent")).isNotNull();
				});
		}
		finally {
			exporterLogger.removeHandler(handler);
			exporterLogger.setLevel(level);
		}
		assertThat(messages).anySatisfy((message) -> assertThat(message).startsWith("Using HttpSender: ")
			.contains("JdkHttpSender")
			.doesNotContain("OkHttp"));
	}

	@Test
	void showsOnlyTheJdkSenderWhereBothAreDeclared() throws IOException {
		try (URLClassLoader application = classPath(List.of(OKHTTP), List.of(JDK))) {
			assertThat(declared(new JdkHttpSenderPreference(application), SENDER_SERVICE)).containsExactly(JDK);
		}
	}

	@Test
	void leavesTheLookupAsItIsWithoutTheJdkSender() throws IOException {
		try (URLClassLoader application = classPath(List.of(OKHTTP))) {
			assertThat(declared(new JdkHttpSenderPreference(application), SENDER_SERVICE)).containsExactly(OKHTTP);
		}
	}

	@Test
	void leavesTheLookupAsItIsWhereTheApplicationChoseASender() throws IOException {
		String property = "io.opentelemetry.sdk.common.export.HttpSenderProvider";
		System.setProperty(property, OKHTTP);
		try (URLClassLoader application = classPath(List.of(OKHTTP), List.of(JDK))) {
			assertThat(declared(new JdkHttpSenderPreference(application), SENDER_SERVICE)).containsExactly(OKHTTP, JDK);
		}
		finally {
			System.clearProperty(property);
		}
	}

	@Test
	void leavesOtherServicesAlone() throws IOException {
		String grpcSenders = "META-INF/services/io.opentelemetry.sdk.common.export.GrpcSenderProvider";
		try (URLClassLoader application = classPath(List.of(OKHTTP), List.of(JDK))) {
			assertThat(Collections.list(new JdkHttpSenderPreference(application).getResources(grpcSenders)))
				.isEqualTo(Collections.list(application.getResources(grpcSenders)))
				.hasSize(2);
		}
	}

	// One class path entry for each list of providers, each declaring them for both
	// kinds of sender.
	@SafeVarargs
	private URLClassLoader classPath(List<String>... entries) throws IOException {
		List<URL> urls = new ArrayList<>();
		for (List<String> providers : entries) {
			Path entry = Files.createTempDirectory(this.directory, "entry");
			Path services = Files.createDirectories(entry.resolve("META-INF/services"));
			String declared = String.join("\n", providers) + "\n";
			Files.writeString(services.resolve("io.opentelemetry.sdk.common.export.HttpSenderProvider"), declared);
			Files.writeString(services.resolve("io.opentelemetry.sdk.common.export.GrpcSenderProvider"), declared);
			urls.add(entry.toUri().toURL());
		}
		// No parent with services of its own: only what is declared here is found.
		return new URLClassLoader(urls.toArray(new URL[0]), null);
	}

	private static List<String> declared(ClassLoader loader, String service) throws IOException {
		List<String> providers = new ArrayList<>();
		for (URL file : Collections.list(loader.getResources(service))) {
			try (var in = file.openStream()) {
				new String(in.readAllBytes()).lines().filter((line) -> !line.isBlank()).forEach(providers::add);
			}
		}
		return providers;
	}

}
