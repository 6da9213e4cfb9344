package io.github.distrace.sample.reactive;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.github.distrace.test.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The viewer, served by the reactive application itself: its page and API list the
 * sample's requests, never its own, and a real browser shows them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "distrace.exporter=none")
class ReactiveSampleViewerTests {

	@LocalServerPort
	private int port;

	@Test
	void theViewerListsTheSamplesRequestsAndNotItsOwn() {
		String traceId = traceId(client().get().uri("/orders/2").retrieve().toEntity(String.class));
		ResponseEntity<String> page = client().get().uri("/distrace/").retrieve().toEntity(String.class);
		assertThat(page.getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
		assertThat(page.getBody()).contains("<script src=\"viewer.js\" defer></script>");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String json = client().get().uri("/distrace/api/traces").retrieve().body(String.class);
			assertThat(JsonPath.<List<String>>read(json, "$.traces[*].traceId")).contains(traceId);
			assertThat(JsonPath.<List<String>>read(json, "$.traces[*].rootName")).contains("GET /orders/{id}")
				.noneMatch((name) -> name.contains("/distrace"));
		});
		for (String api : List.of("/distrace/api/findings", "/distrace/api/queries", "/distrace/api/endpoints")) {
			ResponseEntity<String> response = client().get().uri(api).retrieve().toEntity(String.class);
			assertThat(response.getHeaders().getContentType()).as(api).hasToString("application/json;charset=UTF-8");
			assertThat(response.getHeaders().getFirst("traceresponse")).as(api).isNull();
		}
	}

	@Test
	void aBrowserOpensTheViewerAndFindsTheRequest() throws IOException {
		String traceId = traceId(client().get().uri("/orders/3").retrieve().toEntity(String.class));
		try (HeadlessChromium browser = HeadlessChromium.start()) {
			browser.driver().get("http://127.0.0.1:" + this.port + "/distrace/");
			WebElement row = new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(ExpectedConditions
				.elementToBeClickable(By.cssSelector("#trace-list tbody tr[data-trace-id='" + traceId + "']")));
			assertThat(row.getText()).contains("GET /orders/{id}", "distrace-reactive-sample");
		}
	}

	private RestClient client() {
		return RestClient.create("http://localhost:" + this.port);
	}

	private static String traceId(ResponseEntity<String> response) {
		return response.getHeaders().getFirst("traceresponse").split("-")[1];
	}

}
