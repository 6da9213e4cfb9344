package io.github.distrace.autoconfigure.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.distrace.autoconfigure.messaging.MessagingTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RabbitMQ with Spring AMQP's own observations on, and Micrometer Tracing's OpenTelemetry
 * bridge handling them as Spring Boot registers its tracing handlers: still one span per
 * send and per message, distrace's.
 */
@RequiresRabbitMq
@SpringBootTest(
		classes = { RabbitOrdersApplication.class,
				RabbitBesideSpringObservationTests.MicrometerTracingOnOpenTelemetry.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.batch.schedule-delay=50ms", "spring.rabbitmq.host=127.0.0.1",
				"spring.rabbitmq.template.observation-enabled=true",
				"spring.rabbitmq.listener.simple.observation-enabled=true",
				"spring.datasource.url=jdbc:h2:mem:distrace_rabbit_observed;DB_CLOSE_DELAY=-1" })
class RabbitBesideSpringObservationTests {

	private static final OtlpReceiver receiver = MessagingTestSupport.receiver();

	@LocalServerPort
	private int port;

	@Autowired
	private BlockingQueue<String> handled;

	@Autowired
	@Qualifier("ordersQueue")
	private Queue orders;

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@Test
	void oneSpanPerSendAndPerMessage() throws Exception {
		assertThat(post(this.port, "/orders/81").statusCode()).isEqualTo(200);
		assertThat(this.handled.poll(60, TimeUnit.SECONDS)).isEqualTo("order 81");
		ReceivedSpan server = receiver.awaitSpan((span) -> "/orders/81".equals(span.attribute("url.path")));
		List<ReceivedSpan> trace = receiver.awaitSpans((span) -> span.traceId().equals(server.traceId()), 4);
		String queue = this.orders.getName();
		ReceivedSpan producer = MessagingTestSupport.named(trace, "send " + queue);
		ReceivedSpan consumer = MessagingTestSupport.named(trace, "process " + queue);
		assertThat(consumer.parentSpanId()).isEqualTo(producer.spanId());
		// Spans end before the batch that carries them is sent; a second span per hop
		// would have ended before the consumer's.
		assertThat(receiver.spans()).filteredOn((span) -> span.traceId().equals(server.traceId()))
			.extracting(ReceivedSpan::name)
			.containsExactlyInAnyOrder("POST /orders/{id}", "send " + queue, "process " + queue, "SELECT orders");
	}

	/**
	 * Micrometer Tracing on distrace's OpenTelemetry, with the tracing handlers grouped
	 * as Spring Boot groups them: the first that supports an observation handles it, the
	 * ordered handler beans (distrace's) ahead of Boot's own.
	 */
	@Configuration(proxyBeanMethods = false)
	static class MicrometerTracingOnOpenTelemetry {

		@Bean
		OtelTracer micrometerTracer(OpenTelemetry openTelemetry) {
			return new OtelTracer(openTelemetry.getTracer("org.springframework.boot"), new OtelCurrentTraceContext(),
					(event) -> {
					});
		}

		@Bean
		ObservationRegistry observationRegistry(ObjectProvider<ObservationHandler<Observation.Context>> handlers,
				OtelTracer tracer, OpenTelemetry openTelemetry) {
			OtelPropagator propagator = new OtelPropagator(openTelemetry.getPropagators(),
					openTelemetry.getTracer("org.springframework.boot"));
			List<ObservationHandler<? extends Observation.Context>> tracing = new ArrayList<>(
					handlers.orderedStream().toList());
			tracing.add(new PropagatingSenderTracingObservationHandler<>(tracer, propagator));
			tracing.add(new PropagatingReceiverTracingObservationHandler<>(tracer, propagator));
			tracing.add(new DefaultTracingObservationHandler(tracer));
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new FirstMatchingCompositeObservationHandler(tracing));
			return registry;
		}

	}

}
