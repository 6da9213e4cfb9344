package io.github.distrace.autoconfigure.ui.otlp;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format, enough to decode OTLP. The wire format is frozen, so a
 * hundred lines here spare users a protobuf runtime and its version conflicts. Every read
 * is bounds-checked; malformed input throws {@link MalformedProtobufException}.
 *
 * @author distrace
 */
final class ProtoReader {

	static final int VARINT = 0;

	static final int FIXED64 = 1;

	static final int LENGTH_DELIMITED = 2;

	static final int FIXED32 = 5;

	private final byte[] buffer;

	private final int limit;

	private int position;

	private int tag;

	ProtoReader(byte[] buffer) {
		this(buffer, 0, buffer.length);
	}

	private ProtoReader(byte[] buffer, int offset, int limit) {
		this.buffer = buffer;
		this.position = offset;
		this.limit = limit;
	}

	/**
	 * Move to the next field.
	 * @return whether there is one
	 */
	boolean next() {
		if (this.position >= this.limit) {
			return false;
		}
		long tag = readVarint();
		if ((tag >>> 3) == 0 || tag > Integer.MAX_VALUE) {
			throw new MalformedProtobufException("invalid field tag " + tag);
		}
		this.tag = (int) tag;
		return true;
	}

	int field() {
		return this.tag >>> 3;
	}

	int wireType() {
		return this.tag & 0x7;
	}

	long readVarint() {
		long result = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			require(1);
			byte b = this.buffer[this.position++];
			result |= (long) (b & 0x7F) << shift;
			if ((b & 0x80) == 0) {
				return result;
			}
		}
		throw new MalformedProtobufException("varint longer than 10 bytes");
	}

	long readFixed64() {
		require(8);
		long result = 0;
		for (int i = 7; i >= 0; i--) {
			result = (result << 8) | (this.buffer[this.position + i] & 0xFFL);
		}
		this.position += 8;
		return result;
	}

	double readDouble() {
		return Double.longBitsToDouble(readFixed64());
	}

	String readString() {
		int length = readLength();
		String value = new String(this.buffer, this.position, length, StandardCharsets.UTF_8);
		this.position += length;
		return value;
	}

	byte[] readBytes() {
		int length = readLength();
		byte[] value = new byte[length];
		System.arraycopy(this.buffer, this.position, value, 0, length);
		this.position += length;
		return value;
	}

	/**
	 * Read an embedded message.
	 * @return a reader over the message's fields only
	 */
	ProtoReader readMessage() {
		int length = readLength();
		ProtoReader message = new ProtoReader(this.buffer, this.position, this.position + length);
		this.position += length;
		return message;
	}

	/**
	 * Skip the current field, as protobuf requires for fields a reader does not know.
	 */
	void skip() {
		switch (wireType()) {
			case VARINT -> readVarint();
			case FIXED64 -> skipBytes(8);
			case LENGTH_DELIMITED -> skipBytes(readLength());
			case FIXED32 -> skipBytes(4);
			default -> throw new MalformedProtobufException("unsupported wire type " + wireType());
		}
	}

	/**
	 * Check that the current field has the given wire type.
	 * @param wireType the expected wire type
	 * @return whether it has; a field of another type is skipped by the caller
	 */
	boolean is(int wireType) {
		return wireType() == wireType;
	}

	private void skipBytes(int count) {
		require(count);
		this.position += count;
	}

	private int readLength() {
		long length = readVarint();
		if (length < 0 || length > this.limit - this.position) {
			throw new MalformedProtobufException("length " + length + " beyond the end of the message");
		}
		return (int) length;
	}

	private void require(int count) {
		if (count > this.limit - this.position) {
			throw new MalformedProtobufException("truncated message");
		}
	}

	/**
	 * Thrown for input that is not valid protobuf.
	 */
	static final class MalformedProtobufException extends RuntimeException {

		MalformedProtobufException(String message) {
			super(message);
		}

	}

}
