package io.github.distrace.autoconfigure.web;

import java.net.URI;
import java.sql.SQLException;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.ExceptionAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code url.full} never holds credentials, and a failed call's exception event holds no
 * value of a database error.
 */
class ClientSpansTests {

	@Test
	void callFailedByADatabaseErrorRecordsItWithoutItsValues() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			// An interceptor after distrace's that looks a token up in the database.
			RestClient client = RestClient.builder()
				.requestInterceptor(new TracingClientHttpRequestInterceptor(tracerProvider.get("test"),
						W3CTraceContextPropagator.getInstance()))
				.requestInterceptor((request, body, execution) -> {
					throw new DataIntegrityViolationException("token of 'ada@example.org'",
							new SQLException("Duplicate entry 'ada@example.org' for key 'email'"));
				})
				.build();
			assertThatExceptionOfType(DataIntegrityViolationException.class)
				.isThrownBy(() -> client.get().uri("http://127.0.0.1:9/tokens").retrieve().toBodilessEntity());
			SpanData span = exporter.getFinishedSpanItems().get(0);
			assertThat(span.getEvents()).singleElement().satisfies((event) -> {
				assertThat(event.getAttributes().get(ExceptionAttributes.EXCEPTION_MESSAGE)).isEqualTo("token of ?");
				assertThat(event.getAttributes().get(ExceptionAttributes.EXCEPTION_STACKTRACE))
					.contains("Caused by: java.sql.SQLException: Duplicate entry ? for key ?");
			});
			assertThat(span.toString()).doesNotContain("ada@example.org");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "http://localhost:8080/orders/1?x=1|http://localhost:8080/orders/1?x=1",
			"https://user:secret@api.example.com/v1|https://REDACTED:REDACTED@api.example.com/v1",
			"https://token@api.example.com:8443/|https://REDACTED:REDACTED@api.example.com:8443/",
			"https://s3.example.com/b/k?AWSAccessKeyId=AKIA&Signature=abc%3D&x=1|https://s3.example.com/b/k?AWSAccessKeyId=REDACTED&Signature=REDACTED&x=1",
			"https://example.com/p?sig=s3cr3t&X-Goog-Signature=g#fragment|https://example.com/p?sig=REDACTED&X-Goog-Signature=REDACTED",
			"http://[::1]:8080/ipv6|http://[::1]:8080/ipv6" })
	void fullUrlHasNoCredentials(String uri, String expected) {
		assertThat(ClientSpans.fullUrl(URI.create(uri))).isEqualTo(expected);
	}

}
