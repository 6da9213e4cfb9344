package io.github.distrace.autoconfigure.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;

/**
 * What the messaging tests share: an OTLP receiver started in a static initializer, a
 * {@code POST} to the application, and spans looked up by name.
 */
final class MessagingTestSupport {

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private MessagingTestSupport() {
	}

	static OtlpReceiver receiver() {
		try {
			return OtlpReceiver.http();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static HttpResponse<String> post(int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Wait for a listener to report what it handled, passing over what other listeners of
	 * the topic (messages an earlier test class sent) reported before it.
	 * @param handled what the listeners report
	 * @param expected the report to wait for
	 * @return the report
	 * @throws InterruptedException if interrupted while waiting
	 */
	static String awaitHandled(BlockingQueue<String> handled, String expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		for (String report = handled.poll(60, TimeUnit.SECONDS); report != null; report = handled
			.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
			if (report.equals(expected)) {
				return report;
			}
		}
		throw new AssertionError("No listener reported '" + expected + "'");
	}

	static ReceivedSpan named(List<ReceivedSpan> spans, String name) {
		return spans.stream()
			.filter((span) -> span.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span " + name + " in " + spans));
	}

}
