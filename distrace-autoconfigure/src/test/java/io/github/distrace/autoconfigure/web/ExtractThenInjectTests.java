package io.github.distrace.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import io.github.distrace.autoconfigure.baggage.DistraceBaggageAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extract-then-inject with every propagator distrace offers, fed hostile headers: it
 * never throws, and every header it writes is valid header text within the W3C limits. A
 * property test over seeded random header sets built from hostile characters;
 * {@link PropagationFuzzTests} checks the same property under Jazzer.
 */
class ExtractThenInjectTests {

	static final List<String> NAMES = List.of("traceparent", "tracestate", "baggage", "b3", "X-B3-TraceId",
			"X-B3-SpanId", "X-B3-Sampled", "uber-trace-id", "uberctx-tenant");

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	private static final Pattern FIELD_VALUE = Pattern.compile("[\\x20-\\x7e\\t]*");

	private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

	private static final String HOSTILE = "\r\n\t \0,;=%-_*/'\"<>&{}\\é\u2028\uD83D0123456789abcdefABCDEF";

	private static ConfigurableApplicationContext context;

	private static TextMapPropagator propagator;

	@BeforeAll
	static void start() {
		context = startApplication();
		propagator = context.getBean(ContextPropagators.class).getTextMapPropagator();
	}

	@AfterAll
	static void stopApplication() {
		context.close();
	}

	@Test
	void randomHeadersNeverBreakWhatGoesOut() {
		Random random = new Random(8);
		for (int run = 0; run < 20_000; run++) {
			MockHttpServletRequest request = new MockHttpServletRequest();
			int headers = random.nextInt(5);
			for (int i = 0; i < headers; i++) {
				String name = NAMES.get(random.nextInt(NAMES.size()));
				request.addHeader(name, randomValue(random, name));
			}
			assertExtractThenInjectIsValid(propagator, request);
		}
	}

	private static String randomValue(Random random, String name) {
		StringBuilder value = new StringBuilder();
		if (random.nextBoolean()) {
			value.append(switch (name) {
				case "traceparent" -> "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
				case "baggage" -> "tenant=acme,user=u%0D%0Ax";
				case "tracestate" -> "vendor=value";
				default -> "4bf92f3577b34da6:00f067aa0ba902b7:0:1";
			});
		}
		int extra = random.nextInt(4) == 0 ? random.nextInt(10_000) : random.nextInt(40);
		for (int i = 0; i < extra; i++) {
			value.insert(random.nextInt(value.length() + 1), HOSTILE.charAt(random.nextInt(HOSTILE.length())));
		}
		return value.toString();
	}

	static void assertExtractThenInjectIsValid(TextMapPropagator propagator, MockHttpServletRequest request) {
		Context extracted = propagator.extract(Context.root(), request, ServletRequestHeaderGetter.INSTANCE);
		Map<String, String> out = new LinkedHashMap<>();
		propagator.inject(extracted, out, (carrier, name, value) -> carrier.put(name, value));
		out.forEach((name, value) -> {
			assertThat(name).matches(TOKEN);
			assertThat(value).as(name).matches(FIELD_VALUE);
		});
		if (out.containsKey("traceparent")) {
			assertThat(out.get("traceparent")).matches(TRACEPARENT);
		}
		if (out.containsKey("tracestate")) {
			assertThat(out.get("tracestate").split(",")).hasSizeLessThanOrEqualTo(32);
		}
		if (out.containsKey("baggage")) {
			assertThat(out.get("baggage").split(",")).hasSizeLessThanOrEqualTo(64);
			assertThat(out.get("baggage").length()).isLessThanOrEqualTo(8192);
		}
	}

	static ConfigurableApplicationContext startApplication() {
		SpringApplication application = new SpringApplication(PropagationApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run("--distrace.exporter=none",
				"--distrace.propagation=tracecontext,baggage,b3,b3multi,jaeger");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DistraceSdkAutoConfiguration.class, DistraceBaggageAutoConfiguration.class })
	static class PropagationApplication {

	}

}
