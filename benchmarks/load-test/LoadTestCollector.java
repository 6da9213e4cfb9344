import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The collector of benchmarks/load-test/load-test.sh, run from this single source file with
 * {@code java benchmarks/load-test/LoadTestCollector.java PORT SILENT_PORT}, on 127.0.0.1 only.
 * <p>
 * {@code POST /v1/traces} on PORT answers every OTLP/HTTP export with an empty success
 * (HTTP/1.1, keep-alive) and counts the requests and the spans in them by kind, which
 * {@code GET /stats} returns as one line; reading the protobuf is a walk over its tags,
 * nothing is kept. SILENT_PORT accepts connections, reads what is sent, and never answers.
 * <p>
 * It is Java rather than a script so that the collector costs the 2 shared cores as
 * little as a real one would, and so that the load test can check that spans arrive.
 *
 * @author distrace
 */
public final class LoadTestCollector {

	// Span.kind values of the OTLP protobuf: 0 unspecified, 1 internal, 2 server, 3
	// client, 4 producer, 5 consumer.
	private static final String[] KINDS = { "unspecified", "internal", "server", "client", "producer", "consumer" };

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicLongArray spansByKind = new AtomicLongArray(KINDS.length);

	public static void main(String[] args) throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		new LoadTestCollector().serve(new InetSocketAddress(loopback, Integer.parseInt(args[0])));
		silent(new InetSocketAddress(loopback, Integer.parseInt(args[1])));
	}

	private void serve(InetSocketAddress address) throws IOException {
		HttpServer server = HttpServer.create(address, 64);
		server.createContext("/v1/traces", this::export);
		server.createContext("/stats", this::stats);
		server.setExecutor(Executors.newFixedThreadPool(2));
		server.start();
	}

	private void export(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = read(exchange);
			this.requests.incrementAndGet();
			this.bytes.addAndGet(body.length);
			countSpans(body);
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

	private void stats(HttpExchange exchange) throws IOException {
		try (exchange) {
			StringBuilder line = new StringBuilder("requests=" + this.requests.get() + " bytes=" + this.bytes.get());
			long total = 0;
			for (int kind = 0; kind < KINDS.length; kind++) {
				total += this.spansByKind.get(kind);
				line.append(' ').append(KINDS[kind]).append('=').append(this.spansByKind.get(kind));
			}
			byte[] answer = (line.insert(0, "spans=" + total + " ") + "\n").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
		}
	}

	private static byte[] read(HttpExchange exchange) throws IOException {
		InputStream body = exchange.getRequestBody();
		if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
			body = new GZIPInputStream(body);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		body.transferTo(out);
		return out.toByteArray();
	}

	/**
	 * ExportTraceServiceRequest: 1 resource_spans; ResourceSpans: 2 scope_spans;
	 * ScopeSpans: 2 spans; Span: 6 kind.
	 */
	private void countSpans(byte[] request) {
		new Message(request, 0, request.length).forEachLengthDelimited(1, (resourceSpans) -> resourceSpans
			.forEachLengthDelimited(2, (scopeSpans) -> scopeSpans.forEachLengthDelimited(2, (span) -> {
				int kind = (int) span.varint(6);
				this.spansByKind.incrementAndGet((kind >= 0 && kind < KINDS.length) ? kind : 0);
			})));
	}

	private static void silent(InetSocketAddress address) throws IOException {
		ServerSocket server = new ServerSocket();
		server.bind(address, 64);
		while (true) {
			Socket connection = server.accept();
			Thread reader = new Thread(() -> drain(connection));
			reader.setDaemon(true);
			reader.start();
		}
	}

	private static void drain(Socket connection) {
		try (InputStream in = connection.getInputStream(); OutputStream unused = connection.getOutputStream()) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			// The client gave up; nothing to do.
		}
	}

	/**
	 * A protobuf message: a range of bytes read tag by tag.
	 */
	private record Message(byte[] bytes, int start, int end) {

		interface Visitor {

			void visit(Message message);

		}

		void forEachLengthDelimited(int field, Visitor visitor) {
			int[] position = { this.start };
			while (position[0] < this.end) {
				long tag = readVarint(position);
				int wireType = (int) (tag & 7);
				if (wireType == 2) {
					int length = (int) readVarint(position);
					if ((tag >>> 3) == field) {
						visitor.visit(new Message(this.bytes, position[0], position[0] + length));
					}
					position[0] += length;
				}
				else {
					skip(wireType, position);
				}
			}
		}

		long varint(int field) {
			int[] position = { this.start };
			while (position[0] < this.end) {
				long tag = readVarint(position);
				int wireType = (int) (tag & 7);
				if (wireType == 0 && (tag >>> 3) == field) {
					return readVarint(position);
				}
				if (wireType == 2) {
					int length = (int) readVarint(position);
					position[0] += length;
				}
				else {
					skip(wireType, position);
				}
			}
			return 0;
		}

		private void skip(int wireType, int[] position) {
			switch (wireType) {
				case 0 -> readVarint(position);
				case 1 -> position[0] += 8;
				case 5 -> position[0] += 4;
				default -> throw new IllegalStateException("Unexpected wire type " + wireType);
			}
		}

		private long readVarint(int[] position) {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				byte b = this.bytes[position[0]++];
				value |= (long) (b & 0x7F) << shift;
				if (b >= 0) {
					return value;
				}
			}
			throw new IllegalStateException("Malformed varint");
		}

	}

}
