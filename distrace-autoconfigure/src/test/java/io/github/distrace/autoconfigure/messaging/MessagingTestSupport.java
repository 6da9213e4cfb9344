package io.github.distrace.autoconfigure.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
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
	 * Wait for the listeners to report what they handled, in any order, passing over what
	 * they reported of other messages (those an earlier test class sent to the same
	 * topic, which a consumer group reading from the start receives too).
	 * @param handled what the listeners report
	 * @param expected the reports to wait for
	 * @throws InterruptedException if interrupted while waiting
	 */
	static void awaitHandled(BlockingQueue<String> handled, String... expected) throws InterruptedException {
		List<String> missing = new ArrayList<>(List.of(expected));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!missing.isEmpty()) {
			String report = handled.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (report == null) {
				throw new AssertionError("No listener reported " + missing);
			}
			missing.remove(report);
		}
	}

	static ReceivedSpan named(List<ReceivedSpan> spans, String name) {
		return spans.stream()
			.filter((span) -> span.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span " + name + " in " + spans));
	}

}
