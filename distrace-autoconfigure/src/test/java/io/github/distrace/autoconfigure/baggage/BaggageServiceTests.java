package io.github.distrace.autoconfigure.baggage;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.distrace.BaggageService;
import io.github.distrace.Distrace;
import io.github.distrace.TraceSpan;
import io.github.distrace.autoconfigure.InMemorySpans;
import io.github.distrace.autoconfigure.context.DistraceContextAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@link BaggageService} bean, outside and inside a request's baggage scope.
 */
class BaggageServiceTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
				DistraceBaggageAutoConfiguration.class, DistraceContextAutoConfiguration.class))
		.withUserConfiguration(InMemorySpans.class)
		.withPropertyValues("distrace.exporter=none", "distrace.baggage.span-attributes=tenant");

	@Test
	void setGetRemoveAndSnapshot() {
		run((context, baggage) -> {
			baggage.setValue("tenant", "acme");
			baggage.setMap(Map.of("user", 42, "region", "eu west"));
			Map<String, String> snapshot = baggage.getMap();
			assertThat(snapshot).containsOnly(Map.entry("tenant", "acme"), Map.entry("user", "42"),
					Map.entry("region", "eu west"));
			baggage.remove("user");
			baggage.remove("absent");
			assertThat(baggage.getValue("user")).isEmpty();
			assertThat(baggage.getValue("tenant")).hasValue("acme");
			assertThat(snapshot).containsKey("user");
		});
	}

	@Test
	void valuesSetInsideNestedScopesLastForTheRequest() {
		run((context, baggage) -> {
			Distrace distrace = context.getBean(Distrace.class);
			try (TraceSpan method = distrace.span("method")) {
				baggage.setValue("tenant", "acme");
			}
			assertThat(baggage.getValue("tenant")).hasValue("acme");
			try (TraceSpan later = distrace.span("later")) {
				assertThat(baggage.getMap()).containsEntry("tenant", "acme");
			}
			assertThat(InMemorySpans.span(context, "later").getAttributes().get(AttributeKey.stringKey("tenant")))
				.isEqualTo("acme");
			assertThat(InMemorySpans.span(context, "method").getAttributes().asMap()).isEmpty();
		});
	}

	@Test
	void outgoingCallsCarryTheRequestBaggage() {
		run((context, baggage) -> {
			baggage.setValue("tenant", "acme corp");
			Map<String, String> headers = new LinkedHashMap<>();
			context.getBean(OpenTelemetry.class)
				.getPropagators()
				.getTextMapPropagator()
				.inject(Context.current(), headers, Map::put);
			assertThat(headers).containsEntry("baggage", "tenant=acme%20corp");
		});
	}

	@Test
	void readsIncomingBaggageAndCanRemoveIt() {
		run((context, baggage) -> {
			try (Scope incoming = Baggage.builder().put("user", "7").build().makeCurrent()) {
				assertThat(baggage.getValue("user")).hasValue("7");
				baggage.setValue("tenant", "acme");
				baggage.remove("user");
				assertThat(baggage.getMap()).containsOnly(Map.entry("tenant", "acme"));
			}
		});
	}

	@Test
	void outsideRequestReadsButDoesNotChange() {
		this.contextRunner.run((context) -> {
			BaggageService baggage = context.getBean(BaggageService.class);
			try (Scope incoming = Baggage.builder().put("user", "7").build().makeCurrent()) {
				assertThat(baggage.getValue("user")).hasValue("7");
				assertThatIllegalStateException().isThrownBy(() -> baggage.setValue("tenant", "acme"))
					.withMessageContaining("only be changed inside a request");
				assertThatIllegalStateException().isThrownBy(() -> baggage.remove("user"));
				assertThat(baggage.getMap()).containsOnly(Map.entry("user", "7"));
			}
		});
	}

	@Test
	void rejectsInvalidKeysAndChangesNothing() {
		run((context, baggage) -> {
			baggage.setValue("tenant", "acme");
			assertThatIllegalArgumentException().isThrownBy(() -> baggage.setValue("bad key", "v"))
				.withMessageContaining("Invalid baggage key 'bad key'");
			assertThatIllegalArgumentException().isThrownBy(() -> baggage.setValue("", "v"))
				.withMessageContaining("non-empty HTTP token");
			assertThatIllegalArgumentException().isThrownBy(() -> baggage.setValue("a,b\r\n", "v"))
				.withMessageContaining("a,b\\u000d\\u000a");
			assertThatIllegalArgumentException().isThrownBy(() -> baggage.setMap(Map.of("ok", "1", "not=ok", "2")));
			Map<String, Object> withNull = new LinkedHashMap<>();
			withNull.put("ok", "1");
			withNull.put("missing", null);
			assertThatIllegalArgumentException().isThrownBy(() -> baggage.setMap(withNull))
				.withMessage("Baggage value of 'missing' must not be null");
			assertThat(baggage.getMap()).containsOnly(Map.entry("tenant", "acme"));
		});
	}

	@Test
	void enforcesW3cLimits() {
		run((context, baggage) -> {
			Map<String, Object> many = new LinkedHashMap<>();
			for (int i = 0; i < 64; i++) {
				many.put("k" + i, i);
			}
			baggage.setMap(many);
			assertThatIllegalArgumentException().isThrownBy(() -> baggage.setValue("one-more", "x"))
				.withMessage("Baggage would have 65 entries; the W3C limit is 64");
			assertThat(baggage.getMap()).hasSize(64);
		});
		run((context, baggage) -> {
			baggage.setValue("big", "x".repeat(8188));
			assertThat(baggage.getValue("big")).isPresent();
			assertThatIllegalArgumentException().isThrownBy(() -> baggage.setValue("big", "x".repeat(8189)))
				.withMessage("Baggage would be 8193 bytes in the baggage header; the W3C limit is 8192");
			// Encoded, a space takes three bytes.
			assertThatIllegalArgumentException().isThrownBy(() -> baggage.setValue("big", " ".repeat(2800)))
				.withMessageContaining("8404 bytes");
		});
	}

	@Test
	void invalidPropertyKeyStopsStartUp() {
		this.contextRunner.withPropertyValues("distrace.baggage.mdc=tenant,bad key").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("distrace.baggage.mdc")
				.hasMessageContaining("'bad key' is not a valid baggage key");
		});
	}

	// Runs in a request's baggage scope, as the servlet filter opens one.
	private void run(BaggageTest test) {
		this.contextRunner.run((context) -> {
			try (Scope request = RequestBaggage.open()) {
				test.run(context, context.getBean(BaggageService.class));
			}
			assertThat(context.getBean(BaggageService.class).getMap()).isEmpty();
		});
	}

	@FunctionalInterface
	interface BaggageTest {

		void run(AssertableApplicationContext context, BaggageService baggage) throws Throwable;

	}

}
