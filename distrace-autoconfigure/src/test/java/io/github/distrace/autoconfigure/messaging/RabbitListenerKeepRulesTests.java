package io.github.distrace.autoconfigure.messaging;

import io.github.distrace.test.ReceivedSpan;

import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The keep rules for a RabbitMQ listener, with the real broker.
 */
@RequiresRabbitMq
@SpringBootTest(classes = RabbitOrdersApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.sampler.type=parentbased_traceidratio", "distrace.sampler.ratio=0",
				"distrace.batch.schedule-delay=50ms", "spring.rabbitmq.host=127.0.0.1",
				"spring.datasource.url=jdbc:h2:mem:distrace_rabbit_keep;DB_CLOSE_DELAY=-1" })
class RabbitListenerKeepRulesTests extends AbstractListenerKeepRulesTests {

	@Autowired
	@Qualifier("ordersQueue")
	private Queue orders;

	@Autowired
	@Qualifier("linesQueue")
	private Queue lines;

	@Override
	String linesConsumerSpanName() {
		return "process " + this.lines.getName();
	}

	// The queue is this application's own: only order 71 went through it.
	@Override
	boolean isPlainOrderConsumer(ReceivedSpan span) {
		return span.name().equals("process " + this.orders.getName());
	}

}
