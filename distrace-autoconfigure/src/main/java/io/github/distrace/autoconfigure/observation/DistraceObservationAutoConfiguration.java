package io.github.distrace.autoconfigure.observation;

import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageReceiverContext;
import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageSenderContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration for distrace beside Micrometer Tracing on OpenTelemetry (Spring
 * Boot's {@code spring-boot-starter-opentelemetry}, say): while distrace makes the server
 * span of each servlet or WebFlux request and the client span of each outgoing call,
 * Spring's HTTP observations still record their metrics ({@code http.server.requests},
 * {@code http.client.requests}) but make no second span; so do the observations of Kafka
 * and RabbitMQ templates and listeners, whose messages distrace traces too. Every other
 * observation ({@code @Observed} methods, Spring Data) is traced by Spring Boot's
 * handlers as before, nested under distrace's spans. With
 * {@code distrace.web.enabled=false} (or {@code distrace.web.client.enabled=false},
 * {@code distrace.messaging.enabled=false}) Spring's server (or client, or messaging)
 * spans come back.
 *
 * @author distrace
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration")
@ConditionalOnClass(TracingObservationHandler.class)
@ConditionalOnDistraceEnabled
@ConditionalOnBean(type = DistraceObservationAutoConfiguration.OTEL_TRACER)
public final class DistraceObservationAutoConfiguration {

	/**
	 * Order of distrace's observation handlers: ahead of Spring Boot's tracing handlers
	 * (its receiver handler's order is 1000), so that they claim the HTTP observations
	 * first.
	 */
	public static final int HANDLER_ORDER = 0;

	// Micrometer Tracing's bridge to OpenTelemetry: only through it do Spring's spans and
	// distrace's share one trace, so that distrace's span can stand for the hop. Beside
	// another bridge (Brave) distrace leaves Spring's spans alone.
	static final String OTEL_TRACER = "io.micrometer.tracing.otel.bridge.OtelTracer";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ DispatcherServlet.class, ServerRequestObservationContext.class })
	@ConditionalOnBooleanProperty(name = "distrace.web.enabled", matchIfMissing = true)
	static class ServerConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "distraceServerObservationHandler")
		@Order(HANDLER_ORDER)
		SpanlessObservationHandler distraceServerObservationHandler(Tracer tracer) {
			return new SpanlessObservationHandler(tracer, ServerRequestObservationContext.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = ReactiveServerConfiguration.CONTEXT)
	@ConditionalOnBooleanProperty(name = "distrace.web.enabled", matchIfMissing = true)
	static class ReactiveServerConfiguration {

		static final String CONTEXT = "org.springframework.http.server.reactive.observation.ServerRequestObservationContext";

		@Bean
		@ConditionalOnMissingBean(name = "distraceReactiveServerObservationHandler")
		@Order(HANDLER_ORDER)
		SpanlessObservationHandler distraceReactiveServerObservationHandler(Tracer tracer) {
			return new SpanlessObservationHandler(tracer,
					org.springframework.http.server.reactive.observation.ServerRequestObservationContext.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ClientRequestObservationContext.class)
	@ConditionalOnBooleanProperty(name = "distrace.web.client.enabled", matchIfMissing = true)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "distraceClientObservationHandler")
		@Order(HANDLER_ORDER)
		SpanlessObservationHandler distraceClientObservationHandler(Tracer tracer) {
			return new SpanlessObservationHandler(tracer, ClientRequestObservationContext.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ KafkaRecordSenderContext.class, KafkaRecordReceiverContext.class })
	@ConditionalOnBooleanProperty(name = "distrace.messaging.enabled", matchIfMissing = true)
	static class KafkaConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "distraceKafkaObservationHandler")
		@Order(HANDLER_ORDER)
		SpanlessObservationHandler distraceKafkaObservationHandler(Tracer tracer) {
			return new SpanlessObservationHandler(tracer, KafkaRecordSenderContext.class,
					KafkaRecordReceiverContext.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RabbitMessageSenderContext.class, RabbitMessageReceiverContext.class })
	@ConditionalOnBooleanProperty(name = "distrace.messaging.enabled", matchIfMissing = true)
	static class RabbitConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "distraceRabbitObservationHandler")
		@Order(HANDLER_ORDER)
		SpanlessObservationHandler distraceRabbitObservationHandler(Tracer tracer) {
			return new SpanlessObservationHandler(tracer, RabbitMessageSenderContext.class,
					RabbitMessageReceiverContext.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	@ConditionalOnBooleanProperty(name = "distrace.web.client.enabled", matchIfMissing = true)
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "distraceWebClientObservationHandler")
		@Order(HANDLER_ORDER)
		SpanlessObservationHandler distraceWebClientObservationHandler(Tracer tracer) {
			return new SpanlessObservationHandler(tracer,
					org.springframework.web.reactive.function.client.ClientRequestObservationContext.class);
		}

	}

}
