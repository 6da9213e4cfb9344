package io.github.distrace.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.ExceptionAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How exceptions are recorded on spans: as OpenTelemetry records them, unless a database
 * error is among their causes.
 */
class SpanErrorsTests {

	private static final String DRIVER_MESSAGE = "Duplicate entry 'ada@example.org' for key 'email'";

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void exceptionWithoutDatabaseErrorIsRecordedAsOpenTelemetryRecordsIt() {
		IllegalStateException exception = new IllegalStateException("order 42 for ada@example.org",
				new IOException("disk full"));
		SpanData span = recordWithStatus(exception);
		assertThat(span.getStatus().getDescription()).isEqualTo("order 42 for ada@example.org");
		assertThat(exceptionEvent(span).getAttributes().get(ExceptionAttributes.EXCEPTION_STACKTRACE))
			.isEqualTo(printStackTrace(exception));
	}

	@Test
	void databaseErrorAmongTheCausesIsRecordedWithoutValues() {
		DuplicateKeyException exception = new DuplicateKeyException("PreparedStatementCallback; " + DRIVER_MESSAGE,
				new SQLIntegrityConstraintViolationException("(conn=7) " + DRIVER_MESSAGE, "23000", 1062));
		SpanData span = recordWithStatus(exception);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getStatus().getDescription())
			.isEqualTo("PreparedStatementCallback; Duplicate entry ? for key ?");
		EventData event = exceptionEvent(span);
		assertThat(event.getAttributes().get(ExceptionAttributes.EXCEPTION_TYPE))
			.isEqualTo(DuplicateKeyException.class.getName());
		assertThat(event.getAttributes().get(ExceptionAttributes.EXCEPTION_MESSAGE))
			.isEqualTo("PreparedStatementCallback; Duplicate entry ? for key ?");
		String stackTrace = event.getAttributes().get(ExceptionAttributes.EXCEPTION_STACKTRACE);
		assertThat(stackTrace).doesNotContain("ada", "example.org", "conn=7")
			.startsWith(DuplicateKeyException.class.getName()
					+ ": PreparedStatementCallback; Duplicate entry ? for key ?\n\tat ")
			.contains("Caused by: " + SQLIntegrityConstraintViolationException.class.getName()
					+ ": (conn=?) Duplicate entry ? for key ?\n");
	}

	@Test
	void databaseErrorAmongTheSuppressedExceptionsCountsToo() {
		IllegalStateException exception = new IllegalStateException("rolled back 'ada@example.org'");
		exception.addSuppressed(new SQLException("close failed for 'ada@example.org'"));
		SpanData span = recordWithStatus(exception);
		assertThat(span.getStatus().getDescription()).isEqualTo("rolled back ?");
		assertThat(exceptionEvent(span).getAttributes().get(ExceptionAttributes.EXCEPTION_STACKTRACE))
			.doesNotContain("ada@example.org")
			.contains("\tSuppressed: java.sql.SQLException: close failed for ?\n");
	}

	@Test
	void sanitizedStackTraceHasTheLayoutOfPrintStackTrace() {
		// Messages without values, so that only the layout can differ.
		SQLException cause = new SQLException("connection reset");
		IllegalStateException exception = new IllegalStateException("lookup failed", cause);
		exception.addSuppressed(new IOException("close failed", new IOException("socket closed")));
		cause.initCause(new IOException("peer gone"));
		assertThat(SanitizedStackTrace.of(exception)).isEqualTo(printStackTrace(exception));
	}

	@Test
	void circularCausesAreWrittenOnce() {
		SQLException first = new SQLException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);
		assertThat(SanitizedStackTrace.of(first)).isEqualTo(printStackTrace(first))
			.contains("[CIRCULAR REFERENCE: java.sql.SQLException: first]");
	}

	@Test
	void exceptionWithoutMessageIsDescribedByItsType() {
		SpanData withoutMessage = recordWithStatus(new SQLException());
		assertThat(withoutMessage.getStatus().getDescription()).isEqualTo(SQLException.class.getName());
		assertThat(exceptionEvent(withoutMessage).getAttributes().get(ExceptionAttributes.EXCEPTION_MESSAGE)).isNull();
	}

	private SpanData recordWithStatus(Throwable exception) {
		this.exporter.reset();
		Span span = this.tracerProvider.get("test").spanBuilder("failing").startSpan();
		SpanErrors.recordWithStatus(span, exception);
		span.end();
		return this.exporter.getFinishedSpanItems().get(0);
	}

	private static EventData exceptionEvent(SpanData span) {
		assertThat(span.getEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getName()).isEqualTo("exception"));
		return span.getEvents().get(0);
	}

	private static String printStackTrace(Throwable exception) {
		StringWriter out = new StringWriter();
		exception.printStackTrace(new PrintWriter(out));
		return out.toString().replace(System.lineSeparator(), "\n");
	}

}
