package io.github.distrace.autoconfigure.sdk;

import java.util.List;
import java.util.Map;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports through the real OTLP exporters to a real receiver that decodes the protobuf.
 */
class OtlpExportIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders", "distrace.batch.schedule-delay=50ms");

	private OtlpReceiver receiver;

	@AfterEach
	void closeReceiver() throws Exception {
		this.receiver.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void spansArriveWithServiceResourceAndParentLinks(String protocol) throws Exception {
		this.receiver = start(protocol);
		this.contextRunner
			.withPropertyValues("distrace.otlp.protocol=" + protocol,
					"distrace.otlp.endpoint=" + this.receiver.endpoint(),
					"distrace.resource-attributes.deployment.environment.name=test")
			.run((context) -> {
				Tracer tracer = context.getBean(Tracer.class);
				Span parent = tracer.spanBuilder("GET /orders/{id}").startSpan();
				try (Scope scope = parent.makeCurrent()) {
					tracer.spanBuilder("SELECT orders").startSpan().setAttribute("db.system.name", "h2").end();
				}
				finally {
					parent.end();
				}
				ReceivedSpan child = this.receiver.awaitSpan("SELECT orders");
				ReceivedSpan root = this.receiver.awaitSpan("GET /orders/{id}");
				assertThat(child.traceId()).isEqualTo(root.traceId()).isEqualTo(parent.getSpanContext().getTraceId());
				assertThat(child.parentSpanId()).isEqualTo(root.spanId());
				assertThat(root.parentSpanId()).isEmpty();
				assertThat(child.attribute("db.system.name")).isEqualTo("h2");
				assertThat(root.resource()).containsEntry("service.name", "orders")
					.containsEntry("deployment.environment.name", "test")
					.containsEntry("telemetry.sdk.language", "java")
					.containsKey("telemetry.sdk.version");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void configuredHeadersAndGzipAreSent(String protocol) throws Exception {
		this.receiver = start(protocol);
		this.contextRunner
			.withPropertyValues("distrace.otlp.protocol=" + protocol,
					"distrace.otlp.endpoint=" + this.receiver.endpoint(), "distrace.otlp.headers.x-api-key=secret-key",
					"distrace.otlp.compression=gzip")
			.run((context) -> {
				context.getBean(Tracer.class).spanBuilder("compressed").startSpan().end();
				this.receiver.awaitSpan("compressed");
				Map<String, String> headers = this.receiver.requestHeaders().get(0);
				assertThat(headers).containsEntry("x-api-key", "secret-key");
				String encodingHeader = protocol.equals("grpc") ? "grpc-encoding" : "content-encoding";
				assertThat(headers).containsEntry(encodingHeader, "gzip");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void withoutCompressionNothingIsCompressed(String protocol) throws Exception {
		this.receiver = start(protocol);
		this.contextRunner
			.withPropertyValues("distrace.otlp.protocol=" + protocol,
					"distrace.otlp.endpoint=" + this.receiver.endpoint())
			.run((context) -> {
				context.getBean(Tracer.class).spanBuilder("plain").startSpan().end();
				this.receiver.awaitSpan("plain");
				assertThat(this.receiver.requestHeaders().get(0)).doesNotContainEntry("content-encoding", "gzip")
					.doesNotContainEntry("grpc-encoding", "gzip");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void everyEndedSpanIsReceivedWhenTheContextCloses(String protocol) throws Exception {
		this.receiver = start(protocol);
		int count = 5000;
		this.contextRunner
			.withPropertyValues("distrace.otlp.protocol=" + protocol,
					"distrace.otlp.endpoint=" + this.receiver.endpoint(), "distrace.batch.schedule-delay=1h",
					"distrace.batch.max-queue-size=" + count)
			.run((context) -> {
				Tracer tracer = context.getBean(Tracer.class);
				for (int i = 0; i < count; i++) {
					tracer.spanBuilder("span-" + i).startSpan().end();
				}
			});
		List<ReceivedSpan> spans = this.receiver.spans();
		assertThat(spans).hasSize(count);
		assertThat(spans).extracting(ReceivedSpan::name).doesNotHaveDuplicates();
	}

	@Test
	void jaegerExporterSendsOtlpOverGrpc() throws Exception {
		this.receiver = OtlpReceiver.grpc();
		this.contextRunner
			.withPropertyValues("distrace.exporter=jaeger", "distrace.jaeger.endpoint=" + this.receiver.endpoint())
			.run((context) -> {
				context.getBean(Tracer.class).spanBuilder("to-jaeger").startSpan().end();
				assertThat(this.receiver.awaitSpan("to-jaeger").serviceName()).isEqualTo("orders");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void severalExportersEachReceiveEverySpan(String protocol) throws Exception {
		this.receiver = start(protocol);
		try (OtlpReceiver jaeger = OtlpReceiver.grpc()) {
			this.contextRunner
				.withPropertyValues("distrace.exporter=otlp,jaeger,logging", "distrace.otlp.protocol=" + protocol,
						"distrace.otlp.endpoint=" + this.receiver.endpoint(),
						"distrace.jaeger.endpoint=" + jaeger.endpoint())
				.run((context) -> context.getBean(Tracer.class).spanBuilder("fan-out").startSpan().end());
			assertThat(this.receiver.spans()).extracting(ReceivedSpan::name).containsExactly("fan-out");
			assertThat(jaeger.spans()).extracting(ReceivedSpan::name).containsExactly("fan-out");
		}
	}

	private static OtlpReceiver start(String protocol) throws Exception {
		return protocol.equals("grpc") ? OtlpReceiver.grpc() : OtlpReceiver.http();
	}

}
