package io.github.distrace.autoconfigure.observation;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.OpenTelemetry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageReceiverContext;
import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageSenderContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.reactive.function.client.ClientRequest;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceObservationAutoConfigurationTests {

	private static final String SERVER = "distraceServerObservationHandler";

	private static final String CLIENT = "distraceClientObservationHandler";

	private static final String WEB_CLIENT = "distraceWebClientObservationHandler";

	private static final String REACTIVE_SERVER = "distraceReactiveServerObservationHandler";

	private static final String KAFKA = "distraceKafkaObservationHandler";

	private static final String RABBIT = "distraceRabbitObservationHandler";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceObservationAutoConfiguration.class))
		.withBean(OtelTracer.class, DistraceObservationAutoConfigurationTests::otelTracer);

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean(SERVER).hasBean(CLIENT).hasBean(WEB_CLIENT);
			assertThat(handler(context, SERVER).supportsContext(serverContext())).isTrue();
			assertThat(handler(context, CLIENT).supportsContext(clientContext())).isTrue();
			assertThat(handler(context, WEB_CLIENT).supportsContext(webClientContext())).isTrue();
			assertThat(context.getBeansOfType(SpanlessObservationHandler.class).values())
				.noneMatch((handler) -> handler.supportsContext(new Observation.Context()));
		});
	}

	@Test
	void shouldClaimKafkaAndRabbitObservations() {
		this.contextRunner.run((context) -> {
			SpanlessObservationHandler kafka = handler(context, KAFKA);
			assertThat(kafka.supportsContext(new KafkaRecordSenderContext(new ProducerRecord<>("orders", "1"),
					"kafkaTemplate", () -> "cluster")))
				.isTrue();
			assertThat(kafka.supportsContext(new KafkaRecordReceiverContext(
					new ConsumerRecord<>("orders", 0, 0, "1", "1"), "orders", () -> "cluster")))
				.isTrue();
			SpanlessObservationHandler rabbit = handler(context, RABBIT);
			Message message = new Message(new byte[0]);
			assertThat(rabbit.supportsContext(new RabbitMessageSenderContext(message, "rabbitTemplate", "", "orders")))
				.isTrue();
			assertThat(rabbit.supportsContext(new RabbitMessageReceiverContext(message, "orders"))).isTrue();
		});
	}

	@Test
	void shouldGiveSpringsMessagingSpansBackWhenDistracesAreOff() {
		this.contextRunner.withPropertyValues("distrace.messaging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KAFKA).doesNotHaveBean(RABBIT).hasBean(SERVER));
	}

	@Test
	void shouldOrderHandlersAheadOfSpringBootsTracingHandlers() {
		this.contextRunner.withUserConfiguration(BootLikeHandlersConfiguration.class).run((context) -> {
			List<?> handlers = context.getBeanProvider(ObservationHandler.class).orderedStream().toList();
			assertThat(handlers).hasSize(7);
			assertThat(handlers.subList(0, 5)).allMatch(SpanlessObservationHandler.class::isInstance);
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SpanlessObservationHandler.class));
	}

	@Test
	void shouldGiveSpringsServerSpansBackWhenDistracesAreOff() {
		this.contextRunner.withPropertyValues("distrace.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SERVER).hasBean(CLIENT).hasBean(WEB_CLIENT));
	}

	@Test
	void shouldGiveSpringsClientSpansBackWhenDistracesAreOff() {
		this.contextRunner.withPropertyValues("distrace.web.client.enabled=false")
			.run((context) -> assertThat(context).hasBean(SERVER).doesNotHaveBean(CLIENT).doesNotHaveBean(WEB_CLIENT));
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		this.contextRunner.withUserConfiguration(UserHandlerConfiguration.class).run((context) -> {
			assertThat(context.getBean(SERVER)).isNotInstanceOf(SpanlessObservationHandler.class);
			assertThat(context).hasBean(CLIENT);
		});
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(TracingObservationHandler.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SpanlessObservationHandler.class));
	}

	@Test
	void shouldNotSupplyBeansWithoutMicrometerTracing() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceObservationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SpanlessObservationHandler.class));
	}

	@Test
	void shouldNotSupplyBeansBesideAnotherBridge() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceObservationAutoConfiguration.class))
			.withBean(Tracer.class, () -> Tracer.NOOP)
			.run((context) -> assertThat(context).doesNotHaveBean(SpanlessObservationHandler.class));
	}

	@Test
	void shouldNotSupplyServerBeansOutsideServletApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceObservationAutoConfiguration.class))
			.withBean(OtelTracer.class, DistraceObservationAutoConfigurationTests::otelTracer)
			.run((context) -> assertThat(context).doesNotHaveBean(SERVER).hasBean(CLIENT));
	}

	@Test
	void shouldClaimReactiveServerObservationsInReactiveApplications() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceObservationAutoConfiguration.class))
			.withBean(OtelTracer.class, DistraceObservationAutoConfigurationTests::otelTracer)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SERVER).hasBean(REACTIVE_SERVER);
				SpanlessObservationHandler handler = handler(context, REACTIVE_SERVER);
				assertThat(handler.supportsContext(reactiveServerContext())).isTrue();
				assertThat(handler.supportsContext(serverContext())).isFalse();
			});
	}

	@Test
	void shouldGiveSpringsReactiveServerSpansBackWhenDistracesAreOff() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceObservationAutoConfiguration.class))
			.withBean(OtelTracer.class, DistraceObservationAutoConfigurationTests::otelTracer)
			.withPropertyValues("distrace.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(REACTIVE_SERVER).hasBean(WEB_CLIENT));
	}

	private static OtelTracer otelTracer() {
		return new OtelTracer(OpenTelemetry.noop().getTracer("test"), new OtelCurrentTraceContext(), (event) -> {
		});
	}

	private static SpanlessObservationHandler handler(ApplicationContext context, String name) {
		return context.getBean(name, SpanlessObservationHandler.class);
	}

	private static ServerRequestObservationContext serverContext() {
		return new ServerRequestObservationContext(new MockHttpServletRequest(), new MockHttpServletResponse());
	}

	private static org.springframework.http.server.reactive.observation.ServerRequestObservationContext reactiveServerContext() {
		return new org.springframework.http.server.reactive.observation.ServerRequestObservationContext(
				MockServerHttpRequest.get("/").build(), new MockServerHttpResponse(), Map.of());
	}

	private static ClientRequestObservationContext clientContext() {
		return new ClientRequestObservationContext(new MockClientHttpRequest());
	}

	private static org.springframework.web.reactive.function.client.ClientRequestObservationContext webClientContext() {
		return new org.springframework.web.reactive.function.client.ClientRequestObservationContext(
				ClientRequest.create(HttpMethod.GET, URI.create("http://localhost/")));
	}

	@Configuration(proxyBeanMethods = false)
	static class BootLikeHandlersConfiguration {

		// Spring Boot's receiver and default tracing handlers, with their orders.
		@Bean
		@Order(1000)
		PropagatingReceiverTracingObservationHandler<?> propagatingReceiverTracingObservationHandler(Tracer tracer) {
			return new PropagatingReceiverTracingObservationHandler<>(tracer, Propagator.NOOP);
		}

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE - 1000)
		DefaultTracingObservationHandler defaultTracingObservationHandler(Tracer tracer) {
			return new DefaultTracingObservationHandler(tracer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandlerConfiguration {

		@Bean
		ObservationHandler<Observation.Context> distraceServerObservationHandler() {
			return (context) -> false;
		}

	}

}
