package io.github.distrace.sample;

import io.github.distrace.NPlusOneDetected;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample's JPA N+1, found by distrace: what a test of your own looks like that fails
 * when an endpoint starts loading a lazy collection in a loop.
 */
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class OrderSummariesTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApplicationEvents events;

	@Test
	void lazyLinesReadOneOrderAtATimeAreAnNPlusOne() throws Exception {
		this.mvc.perform(get("/orders/summaries"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].items").value(3));
		assertThat(this.events.stream(NPlusOneDetected.class)).singleElement().satisfies((detected) -> {
			assertThat(detected.endpoint()).isEqualTo("GET /orders/summaries");
			assertThat(detected.spanName()).isEqualTo("OrderSummaries.oneByOne");
			assertThat(detected.summary()).isEqualTo("SELECT order_lines");
			assertThat(detected.statement()).contains("from order_lines").contains("=?");
			assertThat(detected.count()).isEqualTo(5);
		});
	}

	@Test
	void fetchingTheLinesWithTheirOrdersIsNoNPlusOne() throws Exception {
		this.mvc.perform(get("/orders/summaries/fixed"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].items").value(3));
		assertThat(this.events.stream(NPlusOneDetected.class)).isEmpty();
	}

}
