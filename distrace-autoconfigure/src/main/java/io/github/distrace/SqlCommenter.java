package io.github.distrace;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.jspecify.annotations.Nullable;

/**
 * Trace context in SQL comments, as the
 * <a href="https://google.github.io/sqlcommenter/spec/">sqlcommenter specification</a>
 * writes it: <code>SELECT 1 /*traceparent='00-...-01',tracestate='...'*&#47;</code>.
 * <p>
 * {@link #inject} appends the comment (distrace does it for every statement when
 * {@code distrace.jdbc.sqlcommenter=true}); {@link #extract} and {@link #strip} are for
 * applications that are themselves database middleware or proxies, so that they can
 * continue the trace of the application that sent the statement:
 *
 * <pre class="code">
 * Context caller = SqlCommenter.extract(sql);
 * try (Scope scope = caller.makeCurrent()) {
 *     forward(SqlCommenter.strip(sql));
 * }
 * </pre>
 *
 * Keys and values are URL-encoded, so that no value, however hostile, can end the comment
 * early. A malformed or oversized comment is ignored; these methods never throw on bad
 * input.
 *
 * @author distrace
 */
public final class SqlCommenter {

	private static final TextMapPropagator W3C = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
			W3CBaggagePropagator.getInstance());

	// Longer comments are not ours; parsing them would only cost time.
	private static final int MAX_COMMENT_LENGTH = 8192;

	private static final int MAX_FIELDS = 32;

	private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	};

	private SqlCommenter() {
	}

	/**
	 * Append the current trace context and baggage, in W3C format, to a statement.
	 * @param sql the statement
	 * @return the statement with a comment, or unchanged if it already has a comment or
	 * there is no trace context
	 */
	public static String inject(String sql) {
		return inject(sql, Context.current(), W3C);
	}

	/**
	 * Append a context to a statement in the format of the given propagator, such as
	 * {@code OpenTelemetry.getPropagators().getTextMapPropagator()}.
	 * @param sql the statement
	 * @param context the context to inject
	 * @param propagator writes the fields, such as {@code traceparent}
	 * @return the statement with a comment, or unchanged if it already has a comment (the
	 * specification forbids changing it) or the propagator wrote nothing
	 */
	public static String inject(String sql, Context context, TextMapPropagator propagator) {
		if (sql.contains("/*") || sql.contains("--")) {
			return sql;
		}
		Map<String, String> fields = new TreeMap<>();
		propagator.inject(context, fields, (carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		if (fields.isEmpty()) {
			return sql;
		}
		StringJoiner comment = new StringJoiner(",", " /*", "*/");
		fields.forEach((key, value) -> comment.add(encode(key) + "='" + encode(value) + "'"));
		int end = withoutTrailingSemicolon(sql);
		return sql.substring(0, end) + comment + sql.substring(end);
	}

	/**
	 * Extract the W3C trace context and baggage from a statement's trailing comment.
	 * @param sql the statement
	 * @return a context holding the caller's span (as a remote parent) and baggage, or
	 * {@link Context#root()} when the statement carries none
	 */
	public static Context extract(String sql) {
		return extract(sql, W3C);
	}

	/**
	 * Extract a context from a statement's trailing comment with the given propagator.
	 * @param sql the statement
	 * @param propagator reads the fields, such as {@code traceparent}
	 * @return the extracted context, or {@link Context#root()} when the statement carries
	 * none
	 */
	public static Context extract(String sql, TextMapPropagator propagator) {
		Map<String, String> fields = fields(sql);
		if (fields.isEmpty()) {
			return Context.root();
		}
		return propagator.extract(Context.root(), fields, GETTER);
	}

	/**
	 * Return the fields of a statement's trailing sqlcommenter comment, decoded.
	 * @param sql the statement
	 * @return the fields, sorted by key; empty when there is no well-formed comment
	 */
	public static Map<String, String> fields(String sql) {
		int[] comment = trailingComment(sql);
		return (comment != null) ? parse(sql.substring(comment[0] + 2, comment[1] - 2)) : Map.of();
	}

	/**
	 * Remove a trailing sqlcommenter comment, as middleware does before it forwards a
	 * statement.
	 * @param sql the statement
	 * @return the statement without its sqlcommenter comment; unchanged when it has none
	 */
	public static String strip(String sql) {
		int[] comment = trailingComment(sql);
		if (comment == null || parse(sql.substring(comment[0] + 2, comment[1] - 2)).isEmpty()) {
			return sql;
		}
		int start = comment[0];
		while (start > 0 && Character.isWhitespace(sql.charAt(start - 1))) {
			start--;
		}
		return sql.substring(0, start) + sql.substring(comment[1]);
	}

	private static int withoutTrailingSemicolon(String sql) {
		int end = sql.length();
		while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
			end--;
		}
		if (end > 0 && sql.charAt(end - 1) == ';') {
			end--;
			while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
				end--;
			}
			return end;
		}
		return sql.length();
	}

	// Start and end (exclusive) of the comment that ends the statement, before any ';'.
	private static int @Nullable [] trailingComment(String sql) {
		int end = sql.length();
		while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
			end--;
		}
		if (end < 4 || !sql.startsWith("*/", end - 2)) {
			return null;
		}
		int start = sql.lastIndexOf("/*", end - 3);
		if (start < 0 || end - start > MAX_COMMENT_LENGTH) {
			return null;
		}
		return new int[] { start, end };
	}

	private static Map<String, String> parse(String body) {
		Map<String, String> fields = new TreeMap<>();
		int i = 0;
		int length = body.length();
		while (i < length && fields.size() < MAX_FIELDS) {
			int equals = body.indexOf("='", i);
			if (equals < 0) {
				return Map.of();
			}
			String key = body.substring(i, equals).trim();
			StringBuilder value = new StringBuilder();
			int j = equals + 2;
			while (j < length && body.charAt(j) != '\'') {
				if (body.charAt(j) == '\\' && j + 1 < length) {
					j++;
				}
				value.append(body.charAt(j++));
			}
			if (j >= length || key.isEmpty()) {
				return Map.of();
			}
			String decodedKey = decode(key);
			String decodedValue = decode(value.toString());
			if (decodedKey == null || decodedValue == null) {
				return Map.of();
			}
			fields.put(decodedKey, decodedValue);
			i = j + 1;
			while (i < length && Character.isWhitespace(body.charAt(i))) {
				i++;
			}
			if (i < length && body.charAt(i) != ',') {
				return Map.of();
			}
			i++;
		}
		return fields;
	}

	private static String encode(String value) {
		// URLEncoder leaves '*' alone and writes spaces as '+'; the specification wants
		// percent-encoding, and no '*' next to a '/' may ever appear inside the comment.
		return URLEncoder.encode(value, StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("*", "%2A")
			.replace("'", "\\'");
	}

	private static @Nullable String decode(String value) {
		try {
			return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
