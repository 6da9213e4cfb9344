package io.github.distrace.autoconfigure.sdk;

import java.util.Locale;

/**
 * Compression of OTLP export requests.
 *
 * @author distrace
 */
public enum OtlpCompression {

	/**
	 * Requests are sent uncompressed.
	 */
	NONE,

	/**
	 * Requests are compressed with gzip.
	 */
	GZIP;

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
