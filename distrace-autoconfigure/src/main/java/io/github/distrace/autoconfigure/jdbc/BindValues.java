package io.github.distrace.autoconfigure.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Types;
import java.util.Arrays;
import java.util.HexFormat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * The values bound to a prepared statement's parameters, as references only: a statement
 * that turns out fast pays for no copy and no formatting. They are read when it turned
 * out slow or failed, as {@code db.query.parameter.<index>} attributes, and bound again
 * to request its plan. For a batch they are the values last set: the last row's.
 *
 * @author distrace
 */
final class BindValues {

	static final int MAX_VALUE_LENGTH = 256;

	// Parameters past this are not kept: no statement worth reading by eye has more.
	private static final int MAX_PARAMETERS = 1000;

	private static final Object NULL = new Object();

	private static final Object[] NONE = {};

	private Object[] values = NONE;

	/**
	 * Keep a value set on a parameter.
	 * @param parameterIndex the JDBC parameter index, from 1
	 * @param value the value, as the application passed it
	 */
	void set(int parameterIndex, @Nullable Object value) {
		int index = parameterIndex - 1;
		if (index < 0 || index >= MAX_PARAMETERS) {
			return; // the driver rejects a bad index; a huge one is not worth keeping
		}
		if (index >= this.values.length) {
			this.values = Arrays.copyOf(this.values,
					Math.max(index + 1, Math.min(this.values.length * 2 + 4, MAX_PARAMETERS)));
		}
		this.values[index] = (value != null) ? value : NULL;
	}

	void clear() {
		Arrays.fill(this.values, null);
	}

	/**
	 * Add the values to a span as {@code db.query.parameter.<index>} attributes, the
	 * index counted from 0.
	 * @param span the query span
	 */
	void addTo(Span span) {
		for (int index = 0; index < this.values.length; index++) {
			Object value = this.values[index];
			if (value != null) {
				span.setAttribute(AttributeKey.stringKey("db.query.parameter." + index), text(value));
			}
		}
	}

	/**
	 * Whether the values can be bound again: a stream, a reader or a LOB may have been
	 * read by the driver, and reading it again could consume what the application meant
	 * for later.
	 * @return whether {@link #bindTo} can bind them
	 */
	boolean canBindAgain() {
		for (Object value : this.values) {
			if (value != null && typeOnly(value) != null) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Bind the values to another statement with the same parameters, such as its
	 * {@code EXPLAIN}: each with {@code setObject}, and {@code null} untyped.
	 * @param statement the statement
	 * @throws SQLException what the driver threw
	 */
	void bindTo(PreparedStatement statement) throws SQLException {
		for (int index = 0; index < this.values.length; index++) {
			Object value = this.values[index];
			if (value == NULL) {
				statement.setNull(index + 1, Types.NULL);
			}
			else if (value != null) {
				statement.setObject(index + 1, value);
			}
		}
	}

	static String text(Object value) {
		if (value == NULL) {
			return "<null>";
		}
		if (value instanceof byte[] bytes) {
			int shown = Math.min(bytes.length, (MAX_VALUE_LENGTH - 2) / 2);
			return "0x" + HexFormat.of().formatHex(bytes, 0, shown);
		}
		String type = typeOnly(value);
		if (type != null) {
			return type;
		}
		try {
			return cut(String.valueOf(value));
		}
		catch (RuntimeException ex) {
			// A driver's or the application's own type whose toString fails is not ours
			// to fix.
			return "<" + value.getClass().getName() + ">";
		}
	}

	private static @Nullable String typeOnly(Object value) {
		if (value instanceof InputStream) {
			return "<InputStream>";
		}
		if (value instanceof Reader) {
			return "<Reader>";
		}
		if (value instanceof NClob) {
			return "<NClob>";
		}
		if (value instanceof Clob) {
			return "<Clob>";
		}
		if (value instanceof Blob) {
			return "<Blob>";
		}
		return (value instanceof SQLXML) ? "<SQLXML>" : null;
	}

	private static String cut(String text) {
		if (text.length() <= MAX_VALUE_LENGTH) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(MAX_VALUE_LENGTH - 1)) ? MAX_VALUE_LENGTH - 1
				: MAX_VALUE_LENGTH;
		return text.substring(0, end);
	}

}
