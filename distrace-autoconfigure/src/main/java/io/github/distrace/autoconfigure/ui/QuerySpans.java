package io.github.distrace.autoconfigure.ui;

import io.github.distrace.DistraceAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import org.jspecify.annotations.Nullable;

/**
 * What the viewer reads from query spans and from the N+1 marks, for spans of this
 * application and of others received over OTLP alike.
 *
 * @author distrace
 */
final class QuerySpans {

	static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");

	static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");

	static final AttributeKey<String> DB_QUERY_SUMMARY = AttributeKey.stringKey("db.query.summary");

	// Set by distrace's Redis spans whose keys have variable parts (GET user:? for GET
	// user:42).
	static final AttributeKey<String> QUERY_PATTERN = DistraceAttributes.DB_QUERY_PATTERN;

	static final AttributeKey<Boolean> N_PLUS_ONE = DistraceAttributes.DB_N_PLUS_ONE;

	static final String N_PLUS_ONE_EVENT = DistraceAttributes.N_PLUS_ONE_EVENT;

	// The root of an application's start-up trace: its scripts are not request work.
	static final AttributeKey<Boolean> STARTUP = DistraceAttributes.STARTUP;

	// A slow SELECT's plan, an event of its query span.
	static final String EXPLAIN_EVENT = DistraceAttributes.DB_EXPLAIN_EVENT;

	static final AttributeKey<String> PLAN = DistraceAttributes.DB_PLAN;

	// The names before the stable database conventions, still sent by older
	// instrumentations.
	private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");

	private static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");

	private QuerySpans() {
	}

	static boolean isQuery(StoredSpan span) {
		return span.kind() == SpanKind.CLIENT
				&& (span.attributes().get(DB_SYSTEM_NAME) != null || span.attributes().get(DB_SYSTEM) != null);
	}

	/**
	 * Return the statement of a span, absent when statement capture is off.
	 * @param span any span
	 * @return its {@code db.query.text} (or {@code db.statement}), or {@code null}
	 */
	static @Nullable String text(StoredSpan span) {
		String text = span.attributes().get(DB_QUERY_TEXT);
		return (text != null) ? text : span.attributes().get(DB_STATEMENT);
	}

	/**
	 * Return what query spans are grouped by: the statement, or for a Redis command whose
	 * keys have variable parts, its pattern, so that a command run over many keys makes
	 * one row in the Queries view.
	 * @param span any span
	 * @return its pattern, else its statement, or {@code null}
	 */
	static @Nullable String statement(StoredSpan span) {
		String pattern = span.attributes().get(QUERY_PATTERN);
		return (pattern != null) ? pattern : text(span);
	}

	/**
	 * Return the summary of a query span; query spans are named after it, so the name
	 * stands in where the attribute is missing.
	 * @param span a query span
	 * @return its summary
	 */
	static String summary(StoredSpan span) {
		String summary = span.attributes().get(DB_QUERY_SUMMARY);
		return (summary != null) ? summary : span.name();
	}

	/**
	 * Return the plan a query span carries, its {@code distrace.db.explain} event's.
	 * @param span a query span
	 * @return the event, or {@code null} when it has no plan
	 */
	static @Nullable StoredEvent plan(StoredSpan span) {
		for (StoredEvent event : span.events()) {
			if (EXPLAIN_EVENT.equals(event.name()) && event.attributes().get(PLAN) != null) {
				return event;
			}
		}
		return null;
	}

	/**
	 * Whether a span is the root of an application's start-up trace, whose work is kept
	 * apart from the requests' in the Queries and Findings views.
	 * @param localRoot a local root span
	 * @return whether it is the start-up span
	 */
	static boolean isStartup(StoredSpan localRoot) {
		return Boolean.TRUE.equals(localRoot.attributes().get(STARTUP));
	}

	/**
	 * Whether an N+1 was detected at or below this span: it is a local root marked as
	 * such, or it carries the event.
	 * @param span any span
	 * @return whether it carries an N+1 mark
	 */
	static boolean marksNPlusOne(StoredSpan span) {
		return Boolean.TRUE.equals(span.attributes().get(N_PLUS_ONE))
				|| span.events().stream().anyMatch((event) -> N_PLUS_ONE_EVENT.equals(event.name()));
	}

}
