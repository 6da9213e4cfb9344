package io.github.distrace.autoconfigure.ui;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import io.opentelemetry.api.common.Attributes;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * The filters of the trace list, from the query parameters of {@code GET
 * {path}/api/traces}: {@code service}, {@code name}, {@code minDuration},
 * {@code maxDuration}, {@code errors}, {@code nPlusOne}, {@code attribute}
 * ({@code key=value}), {@code sql} (contained), {@code statement} (equal, to list the
 * traces of a row of the Queries view) and {@code limit}. Every given filter must match.
 *
 * @author distrace
 */
final class TraceQuery {

	private final @Nullable String service;

	private final @Nullable String name;

	private final @Nullable Duration minDuration;

	private final @Nullable Duration maxDuration;

	private final boolean errorsOnly;

	private final boolean nPlusOneOnly;

	private final @Nullable String attributeKey;

	private final @Nullable String attributeValue;

	private final @Nullable String sql;

	private final @Nullable String statement;

	private final int limit;

	private TraceQuery(Map<String, String[]> parameters, int maxLimit) {
		this.service = text(parameters, "service");
		this.name = lowerCase(text(parameters, "name"));
		this.minDuration = duration(parameters, "minDuration");
		this.maxDuration = duration(parameters, "maxDuration");
		this.errorsOnly = flag(parameters, "errors");
		this.nPlusOneOnly = flag(parameters, "nPlusOne");
		String attribute = text(parameters, "attribute");
		if (attribute != null) {
			int equals = attribute.indexOf('=');
			this.attributeKey = ((equals < 0) ? attribute : attribute.substring(0, equals)).trim();
			this.attributeValue = (equals < 0) ? null : attribute.substring(equals + 1).trim();
			if (this.attributeKey.isEmpty()) {
				throw new IllegalArgumentException("attribute must be key=value or key, such as http.route=/orders");
			}
		}
		else {
			this.attributeKey = null;
			this.attributeValue = null;
		}
		this.sql = lowerCase(text(parameters, "sql"));
		// Not trimmed: it must equal the statement exactly.
		String[] statement = parameters.get("statement");
		this.statement = (statement != null && statement.length > 0 && !statement[0].isEmpty()) ? statement[0] : null;
		this.limit = limit(parameters, maxLimit);
	}

	/**
	 * Parse the query parameters.
	 * @param parameters the request parameters
	 * @param maxLimit the largest number of traces that can be asked for
	 * @return the query
	 * @throws IllegalArgumentException with a message for the user when a value is
	 * invalid
	 */
	static TraceQuery parse(Map<String, String[]> parameters, int maxLimit) {
		return new TraceQuery(parameters, maxLimit);
	}

	/**
	 * Return the matching traces, newest first.
	 * @param traces the stored traces
	 * @return at most {@code limit} matching traces
	 */
	List<Trace> apply(List<Trace> traces) {
		return traces.stream()
			.filter(this::matches)
			.sorted(Comparator.comparingLong(Trace::startEpochNanos).reversed())
			.limit(this.limit)
			.toList();
	}

	boolean matches(Trace trace) {
		if (this.service != null && !trace.services().contains(this.service)) {
			return false;
		}
		if (this.minDuration != null && trace.durationNanos() < this.minDuration.toNanos()) {
			return false;
		}
		if (this.maxDuration != null && trace.durationNanos() > this.maxDuration.toNanos()) {
			return false;
		}
		if (this.errorsOnly && !trace.hasError()) {
			return false;
		}
		if (this.nPlusOneOnly && !trace.hasNPlusOne()) {
			return false;
		}
		String name = this.name;
		String statement = this.statement;
		return anySpan(trace, (span) -> name == null || span.name().toLowerCase(Locale.ROOT).contains(name))
				&& anySpan(trace, (span) -> this.sql == null || containsSql(span, this.sql))
				&& anySpan(trace, (span) -> statement == null || statement.equals(QuerySpans.statement(span)))
				&& anySpan(trace, (span) -> this.attributeKey == null || hasAttribute(span));
	}

	private static boolean anySpan(Trace trace, Predicate<StoredSpan> predicate) {
		return trace.spans().stream().anyMatch(predicate);
	}

	private static boolean containsSql(StoredSpan span, String sql) {
		String text = QuerySpans.text(span);
		return text != null && text.toLowerCase(Locale.ROOT).contains(sql);
	}

	private boolean hasAttribute(StoredSpan span) {
		return hasAttribute(span.attributes()) || hasAttribute(span.resource());
	}

	private boolean hasAttribute(Attributes attributes) {
		boolean[] found = new boolean[1];
		attributes.forEach((key, value) -> {
			if (key.getKey().equals(this.attributeKey)
					&& (this.attributeValue == null || this.attributeValue.equals(String.valueOf(value)))) {
				found[0] = true;
			}
		});
		return found[0];
	}

	private static @Nullable String text(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		if (values == null || values.length == 0 || values[0].isBlank()) {
			return null;
		}
		return values[0].trim();
	}

	private static boolean flag(Map<String, String[]> parameters, String name) {
		String value = text(parameters, name);
		return "true".equalsIgnoreCase(value) || "1".equals(value);
	}

	private static @Nullable Duration duration(Map<String, String[]> parameters, String name) {
		String value = text(parameters, name);
		if (value == null) {
			return null;
		}
		try {
			Duration duration = DurationStyle.detectAndParse(value);
			if (duration.isNegative()) {
				throw new IllegalArgumentException();
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					name + " must be a duration such as 250ms, 2s or 250 (milliseconds), not '" + value + "'");
		}
	}

	private static int limit(Map<String, String[]> parameters, int maxLimit) {
		String value = text(parameters, "limit");
		if (value == null) {
			return maxLimit;
		}
		try {
			int limit = Integer.parseInt(value);
			if (limit <= 0) {
				throw new NumberFormatException();
			}
			return Math.min(limit, maxLimit);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("limit must be a positive whole number, not '" + value + "'");
		}
	}

	private static @Nullable String lowerCase(@Nullable String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
	}

}
