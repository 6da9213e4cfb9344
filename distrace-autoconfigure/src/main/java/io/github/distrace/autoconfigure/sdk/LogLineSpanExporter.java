package io.github.distrace.autoconfigure.sdk;

import java.util.Collection;
import java.util.Locale;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes one readable INFO line per finished span, for development: name, kind, duration,
 * status, trace, span and parent ids, then the attributes (long values shortened).
 *
 * @author distrace
 */
final class LogLineSpanExporter implements SpanExporter {

	private static final Log logger = LogFactory.getLog(LogLineSpanExporter.class);

	static final int MAX_VALUE_LENGTH = 120;

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		if (logger.isInfoEnabled()) {
			for (SpanData span : spans) {
				logger.info(format(span));
			}
		}
		return CompletableResultCode.ofSuccess();
	}

	static String format(SpanData span) {
		StringBuilder line = new StringBuilder(256);
		line.append('\'').append(span.getName()).append("' ").append(span.getKind());
		long nanos = span.getEndEpochNanos() - span.getStartEpochNanos();
		line.append(String.format(Locale.ROOT, " %.3f ms", nanos / 1_000_000.0));
		if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
			line.append(" ERROR");
			if (!span.getStatus().getDescription().isEmpty()) {
				line.append(" (").append(shorten(span.getStatus().getDescription())).append(')');
			}
		}
		line.append(" trace=").append(span.getTraceId()).append(" span=").append(span.getSpanId());
		SpanContext parent = span.getParentSpanContext();
		line.append(" parent=").append(parent.isValid() ? parent.getSpanId() : "none");
		if (!span.getAttributes().isEmpty()) {
			line.append(" {");
			span.getAttributes()
				.forEach((AttributeKey<?> key, Object value) -> line.append(key.getKey())
					.append('=')
					.append(shorten(String.valueOf(value)))
					.append(", "));
			line.setLength(line.length() - 2);
			line.append('}');
		}
		return line.toString();
	}

	private static String shorten(String value) {
		String singleLine = value.replaceAll("\\s+", " ");
		return (singleLine.length() <= MAX_VALUE_LENGTH) ? singleLine
				: singleLine.substring(0, MAX_VALUE_LENGTH) + "...";
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "logging";
	}

}
