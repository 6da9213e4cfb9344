package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.github.distrace.test.OtlpReceiver;

/**
 * Starts receivers in static initializers, which cannot throw checked exceptions.
 */
final class TestReceivers {

	private TestReceivers() {
	}

	static OtlpReceiver http() {
		try {
			return OtlpReceiver.http();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
