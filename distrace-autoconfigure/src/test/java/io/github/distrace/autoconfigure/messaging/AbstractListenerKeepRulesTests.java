package io.github.distrace.autoconfigure.messaging;

import java.util.List;
import java.util.concurrent.BlockingQueue;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.distrace.autoconfigure.messaging.MessagingTestSupport.awaitHandled;
import static io.github.distrace.autoconfigure.messaging.MessagingTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumed message is a local root like a request: at head ratio 0 an N+1 in its
 * listener is detected there and its trace is kept, while a plain message's is not.
 * Subclasses run it for one broker, with
 * {@code distrace.sampler.type=parentbased_traceidratio} and
 * {@code distrace.sampler.ratio=0}.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractListenerKeepRulesTests {

	// One receiver for the subclasses, whose applications the test framework keeps
	// running side by side: closed with the JVM, not after the first class.
	static final OtlpReceiver receiver = MessagingTestSupport.receiver();

	@LocalServerPort
	private int port;

	@Autowired
	private BlockingQueue<String> handled;

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
	}

	/**
	 * Return the name of the consumer span of an order whose listener reads its lines one
	 * by one.
	 * @return the span name
	 */
	abstract String linesConsumerSpanName();

	/**
	 * Return whether a span is the consumer span of the plain order 71.
	 * @param span a received span
	 * @return whether it is that span
	 */
	abstract boolean isPlainOrderConsumer(ReceivedSpan span);

	@Test
	void nPlusOneInAListenerIsDetectedAndKeptAtRatioZero(CapturedOutput output) throws Exception {
		assertThat(post(this.port, "/orders/71").statusCode()).isEqualTo(200);
		awaitHandled(this.handled, "order 71");
		assertThat(post(this.port, "/orders/72/lines").statusCode()).isEqualTo(200);
		awaitHandled(this.handled, "lines 72");
		ReceivedSpan consumer = receiver.awaitSpan(linesConsumerSpanName());
		assertThat(consumer.parentSpanId()).isNotEmpty();
		assertThat(consumer.attributes()).containsEntry("distrace.db.query_count", "6")
			.containsEntry("distrace.db.n_plus_one", "true")
			.containsEntry("distrace.sampling.kept", "n_plus_one");
		assertThat(consumer.events()).contains("distrace.n_plus_one");
		List<ReceivedSpan> queries = receiver.awaitSpans(
				(span) -> span.traceId().equals(consumer.traceId()) && span.parentSpanId().equals(consumer.spanId()),
				6);
		assertThat(queries).hasSize(6).allSatisfy((query) -> assertThat(query.kind()).isEqualTo("CLIENT"));
		// Spans leave in the order their traces were decided: the plain order's came
		// first.
		assertThat(receiver.spans()).noneMatch(this::isPlainOrderConsumer);
		assertThat(output.getOut()).contains("N+1 in " + linesConsumerSpanName());
	}

}
