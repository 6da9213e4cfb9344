package io.github.distrace.autoconfigure.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * {@link ExtractThenInjectTests}' property under Jazzer: extract-then-inject never throws
 * and writes only valid header text. Every build runs the stored inputs (the empty one
 * and the corpus of a fuzzing run under {@code PropagationFuzzTestsInputs}) in a JVM of
 * its own (tag {@code fuzz}); {@code JAZZER_FUZZ=1} makes it a fuzzing run (see
 * CONTRIBUTING.md).
 */
@Tag("fuzz")
class PropagationFuzzTests {

	private static ConfigurableApplicationContext context;

	private static TextMapPropagator propagator;

	@BeforeAll
	static void start() {
		context = ExtractThenInjectTests.startApplication();
		propagator = context.getBean(ContextPropagators.class).getTextMapPropagator();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@FuzzTest(maxDuration = "2m")
	void extractThenInjectWritesOnlyValidHeaders(FuzzedDataProvider data) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		int headers = data.consumeInt(0, 6);
		for (int i = 0; i < headers; i++) {
			request.addHeader(data.pickValue(ExtractThenInjectTests.NAMES), data.consumeString(9000));
		}
		ExtractThenInjectTests.assertExtractThenInjectIsValid(propagator, request);
	}

}
