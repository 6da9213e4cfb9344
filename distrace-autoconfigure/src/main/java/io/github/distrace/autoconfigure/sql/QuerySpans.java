package io.github.distrace.autoconfigure.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.BiPredicate;
import java.util.function.Function;

import io.github.distrace.DistraceAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.semconv.DbAttributes;
import org.jspecify.annotations.Nullable;

/**
 * How the name and attributes of a query span are made from its statements, for JDBC and
 * R2DBC alike, and the caches of parsed statements they are made from.
 *
 * @author distrace
 */
public final class QuerySpans {

	// On a span whose statement text the span limits cut: a hash of the whole text, so
	// that statements that differ only after the cut are told apart (N+1 detection groups
	// by it).
	private static final AttributeKey<String> QUERY_HASH = DistraceAttributes.DB_QUERY_HASH;

	private final StatementCache standardStatements = new StatementCache(false);

	private final StatementCache mysqlStatements = new StatementCache(true);

	private final boolean recordText;

	private final boolean rawText;

	private final int maxTextLength;

	/**
	 * Create an instance.
	 * @param recordText whether spans carry {@code db.query.text}
	 * @param rawText whether that text is the statement as written rather than sanitized
	 * @param maxTextLength the length past which the span limits cut an attribute value
	 */
	public QuerySpans(boolean recordText, boolean rawText, int maxTextLength) {
		this.recordText = recordText;
		this.rawText = rawText;
		this.maxTextLength = maxTextLength;
	}

	/**
	 * Return the parsed statements of a database, which quote as it does.
	 * @param database the database
	 * @return its cache
	 */
	public StatementCache cache(DatabaseInfo database) {
		return database.mysqlQuoting() ? this.mysqlStatements : this.standardStatements;
	}

	/**
	 * Return the span of one statement: built once per statement text and database, not
	 * for every execution.
	 * @param database the database it runs on
	 * @param sql the statement
	 * @param explainable whether the plan of a statement may be requested on a database
	 * @return its span's name and attributes
	 */
	public QuerySpan of(DatabaseInfo database, String sql, BiPredicate<DatabaseInfo, ParsedStatement> explainable) {
		StatementCache.Entry entry = cache(database).entry(sql);
		QuerySpan query = entry.span(database);
		if (query == null) {
			query = describe(database, List.of(sql), List.of(entry.parsed()), 0,
					explainable.test(database, entry.parsed()));
			entry.remember(query);
		}
		return query;
	}

	/**
	 * Describe the span of a statement or of a batch.
	 * @param database the database it runs on
	 * @param statements the distinct statements executed (one unless a batch)
	 * @param parsed the same statements, parsed
	 * @param batchSize the number of statements in a batch, or 0 if not a batch
	 * @param explainable whether its plan may be requested
	 * @return the span's name and attributes
	 */
	public QuerySpan describe(DatabaseInfo database, Collection<String> statements, List<ParsedStatement> parsed,
			int batchSize, boolean explainable) {
		String operation = common(parsed, ParsedStatement::operation);
		String collection = common(parsed, ParsedStatement::collection);
		String procedure = common(parsed, ParsedStatement::procedure);
		String summary = common(parsed, ParsedStatement::summary);
		if (batchSize > 1) {
			operation = (operation != null) ? "BATCH " + operation : "BATCH";
			summary = QuerySummary.ofBatch(summary);
		}
		AttributesBuilder attributes = Attributes.builder();
		database.addTo(attributes);
		putIfNotNull(attributes, DbAttributes.DB_OPERATION_NAME, operation);
		putIfNotNull(attributes, DbAttributes.DB_COLLECTION_NAME, collection);
		putIfNotNull(attributes, DbAttributes.DB_STORED_PROCEDURE_NAME, procedure);
		putIfNotNull(attributes, DbAttributes.DB_QUERY_SUMMARY, summary);
		if (batchSize > 1) {
			attributes.put(DbAttributes.DB_OPERATION_BATCH_SIZE, (long) batchSize);
		}
		if (this.recordText) {
			StringJoiner text = new StringJoiner("; ");
			if (this.rawText) {
				statements.forEach(text::add);
			}
			else {
				parsed.forEach((statement) -> text.add(statement.sanitized()));
			}
			String whole = text.toString();
			attributes.put(DbAttributes.DB_QUERY_TEXT, whole);
			if (whole.length() > this.maxTextLength) {
				attributes.put(QUERY_HASH, hash(whole));
			}
		}
		// Named after the summary, as the conventions ask; without one, after what is
		// known.
		String name = (summary != null) ? summary
				: spanName(database, operation, (procedure != null) ? procedure : collection);
		return new QuerySpan(database, name, attributes.build(), explainable);
	}

	// Only for texts longer than the span limits allow; for a single statement, once per
	// text, as its span's attributes are cached.
	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	private static String spanName(DatabaseInfo database, @Nullable String operation, @Nullable String target) {
		if (operation == null) {
			return database.system();
		}
		return (target != null) ? operation + " " + target : operation;
	}

	private static @Nullable String common(List<ParsedStatement> parsed,
			Function<ParsedStatement, @Nullable String> property) {
		String value = property.apply(parsed.get(0));
		for (ParsedStatement statement : parsed) {
			if (!Objects.equals(value, property.apply(statement))) {
				return null;
			}
		}
		return value;
	}

	private static void putIfNotNull(AttributesBuilder attributes, AttributeKey<String> key, @Nullable String value) {
		if (value != null) {
			attributes.put(key, value);
		}
	}

}
