package io.github.distrace.autoconfigure.ui.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request body, gzip-compressed or not, refusing more than a maximum number of
 * bytes both on the wire and once decompressed, so that neither a large request nor a
 * small compression bomb can exhaust memory.
 *
 * @author distrace
 */
final class BoundedBody {

	private BoundedBody() {
	}

	static byte[] read(InputStream body, boolean gzip, int maxBytes) throws IOException {
		InputStream wire = new LimitedInputStream(body, maxBytes);
		InputStream content = gzip ? new GZIPInputStream(wire) : wire;
		return readAtMost(content, maxBytes);
	}

	private static byte[] readAtMost(InputStream in, int maxBytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
		byte[] buffer = new byte[16 * 1024];
		int read;
		while ((read = in.read(buffer)) != -1) {
			if (out.size() + read > maxBytes) {
				throw new TooLargeException();
			}
			out.write(buffer, 0, read);
		}
		return out.toByteArray();
	}

	/**
	 * Thrown when a body is larger than allowed.
	 */
	static final class TooLargeException extends IOException {

		TooLargeException() {
			super("request body too large");
		}

	}

	private static final class LimitedInputStream extends InputStream {

		private final InputStream in;

		private long remaining;

		LimitedInputStream(InputStream in, int maxBytes) {
			this.in = in;
			this.remaining = maxBytes;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int read = read(one, 0, 1);
			return (read == -1) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = this.in.read(buffer, offset, (int) Math.min(length, this.remaining + 1));
			if (read > 0) {
				this.remaining -= read;
				if (this.remaining < 0) {
					throw new TooLargeException();
				}
			}
			return read;
		}

	}

}
