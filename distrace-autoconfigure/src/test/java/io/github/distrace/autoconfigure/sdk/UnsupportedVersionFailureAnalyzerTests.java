package io.github.distrace.autoconfigure.sdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start-up failure caused by an unsupported Spring Boot or OpenTelemetry version is
 * explained with the versions found and the supported range.
 */
class UnsupportedVersionFailureAnalyzerTests {

	private final UnsupportedVersionFailureAnalyzer analyzer = new UnsupportedVersionFailureAnalyzer();

	@Test
	void explainsAnOpenTelemetrySdkTooOld() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new BeanCreationException("distraceBatchSpanProcessor", "failed",
					new SupportedVersions.UnsupportedVersionException("OpenTelemetry SDK 1.44.1 is not supported")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("OpenTelemetry SDK 1.44.1 is not supported")
			.contains("Spring Boot 4.0.x or 4.1.x with OpenTelemetry 1.55 or a later 1.x")
			.contains("this application has Spring Boot " + SpringBootVersion.getVersion());
		assertThat(analysis.getAction()).contains("opentelemetry.version");
	}

	@Test
	void explainsALinkageErrorThrownByDistrace() {
		NoSuchMethodError error = new NoSuchMethodError(
				"'io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder setSomething()'");
		error
			.setStackTrace(new StackTraceElement[] { new StackTraceElement(DistraceSdkAutoConfiguration.class.getName(),
					"distraceBatchSpanProcessor", null, 1) });
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("bean", "failed", error));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("setSomething").contains("OpenTelemetry 1.55");
		assertThat(analysis.getCause()).isSameAs(error);
	}

	@Test
	void explainsAMissingTypeOfAClassSpringCouldNotIntrospect() {
		NoClassDefFoundError error = new NoClassDefFoundError(
				"org/springframework/boot/restclient/RestClientCustomizer");
		IllegalStateException failure = new IllegalStateException(
				"Failed to introspect Class [io.github.distrace.autoconfigure.web.DistraceWebClientAutoConfiguration]",
				error);
		assertThat(this.analyzer.analyze(failure)).isNotNull();
	}

	@Test
	void leavesOtherFailuresToOtherAnalyzers() {
		NoSuchMethodError elsewhere = new NoSuchMethodError("'void com.example.Library.gone()'");
		elsewhere.setStackTrace(new StackTraceElement[] { new StackTraceElement("com.example.App", "run", null, 1) });
		assertThat(this.analyzer.analyze(new BeanCreationException("bean", "failed", elsewhere))).isNull();
		assertThat(this.analyzer.analyze(new IllegalStateException("io.github.distrace is fine"))).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "1.55.0, true", "1.62.0, true", "1.68.0, true", "1.70.0-alpha, true", "1.54.1, false", "1.44.1, false",
			"2.0.0, false", "0.9.0, false", "custom, true" })
	void supportsOpenTelemetryFromOneFiftyFiveWithinOneX(String version, boolean supported) {
		assertThat(SupportedVersions.isSupportedOpenTelemetry(version)).isEqualTo(supported);
	}

	@Test
	void theOpenTelemetryOnTheClassPathIsSupported() {
		assertThat(SupportedVersions.openTelemetryVersion()).isNotNull();
		SupportedVersions.checkOpenTelemetry();
	}

}
