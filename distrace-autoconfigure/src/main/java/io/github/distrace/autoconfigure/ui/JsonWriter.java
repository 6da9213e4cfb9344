package io.github.distrace.autoconfigure.ui;

import java.util.List;

/**
 * A minimal streaming JSON writer, so that the viewer needs no JSON library. Strings are
 * escaped fully, including {@code <}, {@code >} and {@code &}, so that a hostile value
 * stays inert even if the JSON were ever read as HTML.
 *
 * @author distrace
 */
final class JsonWriter {

	private final StringBuilder json = new StringBuilder(1024);

	private boolean needsComma;

	JsonWriter beginObject() {
		separate();
		this.json.append('{');
		this.needsComma = false;
		return this;
	}

	JsonWriter endObject() {
		this.json.append('}');
		this.needsComma = true;
		return this;
	}

	JsonWriter beginArray() {
		separate();
		this.json.append('[');
		this.needsComma = false;
		return this;
	}

	JsonWriter endArray() {
		this.json.append(']');
		this.needsComma = true;
		return this;
	}

	JsonWriter name(String name) {
		separate();
		string(name);
		this.json.append(':');
		this.needsComma = false;
		return this;
	}

	JsonWriter value(String value) {
		separate();
		string(value);
		this.needsComma = true;
		return this;
	}

	JsonWriter value(long value) {
		separate();
		this.json.append(value);
		this.needsComma = true;
		return this;
	}

	/**
	 * Write a number; JSON has no NaN or infinity, so those are written as {@code null}.
	 * @param value the value
	 * @return this writer
	 */
	JsonWriter value(double value) {
		separate();
		this.json.append(Double.isFinite(value) ? Double.toString(value) : "null");
		this.needsComma = true;
		return this;
	}

	JsonWriter value(boolean value) {
		separate();
		this.json.append(value);
		this.needsComma = true;
		return this;
	}

	/**
	 * Write an attribute value: a string, boolean, long, double, or a list of them.
	 * @param value the value
	 * @return this writer
	 */
	JsonWriter attributeValue(Object value) {
		if (value instanceof List<?> list) {
			beginArray();
			list.forEach(this::attributeValue);
			return endArray();
		}
		if (value instanceof Boolean bool) {
			return value(bool);
		}
		if (value instanceof Long number) {
			return value(number.longValue());
		}
		if (value instanceof Double number && Double.isFinite(number)) {
			return value(number.doubleValue());
		}
		return value(String.valueOf(value));
	}

	private void separate() {
		if (this.needsComma) {
			this.json.append(',');
		}
	}

	private void string(String value) {
		this.json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> this.json.append("\\\"");
				case '\\' -> this.json.append("\\\\");
				case '\n' -> this.json.append("\\n");
				case '\r' -> this.json.append("\\r");
				case '\t' -> this.json.append("\\t");
				default -> {
					if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
						this.json.append(String.format("\\u%04x", (int) c));
					}
					else {
						this.json.append(c);
					}
				}
			}
		}
		this.json.append('"');
	}

	@Override
	public String toString() {
		return this.json.toString();
	}

}
