package io.github.distrace.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

/**
 * What a developer does with the sample app: make a request, open the viewer in a real
 * browser, find the request's trace and read it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "distrace.exporter=none")
class SampleViewerBrowserTests {

	@LocalServerPort
	private int port;

	@Test
	void theRequestIsInTheViewerWithServerTracedAndSqlSpansNested() throws IOException {
		ResponseEntity<String> response = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/orders/1?tenant=globex")
			.retrieve()
			.toEntity(String.class);
		String traceId = response.getHeaders().getFirst("traceresponse").split("-")[1];
		try (HeadlessChromium browser = HeadlessChromium.start()) {
			browser.driver().get("http://127.0.0.1:" + this.port + "/distrace/");
			WebElement row = new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(ExpectedConditions
				.elementToBeClickable(By.cssSelector("#trace-list tbody tr[data-trace-id='" + traceId + "']")));
			assertThat(row.getText()).contains("GET /orders/{id}", "distrace-sample");
			row.click();
			List<WebElement> spans = browser.waitFor(By.cssSelector("#wf-rows .span-row"), 8);
			assertThat(spans)
				.extracting((span) -> span.findElement(By.cssSelector(".name")).getText() + "@"
						+ span.getAttribute("data-depth"))
				.contains("GET /orders/{id}@0", "OrderController.order@1", "OrderService.find@2", "database_query@3",
						"SELECT orders@4", "AuditTrail.record@2", "GET /stock/{id}@3");
			WebElement sql = spans.stream()
				.filter((span) -> span.findElement(By.cssSelector(".name")).getText().equals("SELECT orders"))
				.findFirst()
				.orElseThrow();
			assertThat(sql.getText()).contains("SELECT id, customer, status, total FROM orders WHERE id = ?");
			sql.click();
			new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
				.until(ExpectedConditions.textToBePresentInElementLocated(By.id("details"), "db.system.name"));
			assertThat(browser.driver().findElement(By.id("details")).getText()).contains("h2database", "tenant",
					"globex");
			browser.screenshot(Path.of("target", "sample-viewer-screenshot.png"));
		}
	}

	/**
	 * The Queries view after a few requests, with the traces of the N+1 statement: the
	 * lazy lines that {@code GET /orders/summaries} loads one order at a time. Its
	 * screenshot is the README's: {@code -Ddocs.screenshots=true} writes it to
	 * {@code docs/images/queries-view.png} as well, so that an ordinary build leaves the
	 * committed image alone.
	 * @throws IOException if the screenshot cannot be saved
	 */
	@Test
	void theQueriesViewListsTheStatementsOfTheRequests() throws IOException {
		RestClient client = RestClient.create("http://localhost:" + this.port);
		for (int id = 1; id <= 5; id++) {
			client.get().uri("/orders/{id}?tenant=globex", id).retrieve().toBodilessEntity();
		}
		for (String status : List.of("NEW", "PAID", "SHIPPED")) {
			client.get().uri("/orders?status={status}", status).retrieve().toBodilessEntity();
		}
		client.post().uri("/orders/2/ship").retrieve().toBodilessEntity();
		client.get().uri("/orders/summaries").retrieve().toBodilessEntity();
		client.get().uri("/orders/summaries").retrieve().toBodilessEntity();
		client.get().uri("/orders/summaries/fixed").retrieve().toBodilessEntity();
		try (HeadlessChromium browser = HeadlessChromium.start()) {
			browser.driver().get("http://127.0.0.1:" + this.port + "/distrace/#/queries");
			WebElement byId = new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
				.until(ExpectedConditions.elementToBeClickable(By.xpath("//table[@id='query-table']//tr[.//span["
						+ "text()='SELECT id, customer, status, total FROM orders WHERE id = ?']]")));
			assertThat(byId.getText()).contains("SELECT orders", "GET /orders/{id}");
			assertThat(browser.driver().findElement(By.id("query-table")).getText()).contains(
					"SELECT id, customer, status, total FROM orders WHERE status = ? ORDER BY id", "GET /orders",
					"POST /orders/{id}/ship");
			WebElement lazyLines = browser.driver()
				.findElement(By.xpath("//table[@id='query-table']//tr[.//span[contains(text(), "
						+ "'from order_lines l1_0 where l1_0.order_id=?')]]"));
			assertThat(lazyLines.getText()).contains("SELECT order_lines", "GET /orders/summaries");
			lazyLines.click();
			new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
				.until((driver) -> driver.findElements(By.cssSelector("#query-traces .query-trace")).size() >= 2);
			assertThat(browser.driver().findElement(By.id("query-traces")).getText()).contains("GET /orders/summaries",
					"N+1");
			browser.screenshot(Path.of("target", "queries-view.png"));
			if (Boolean.getBoolean("docs.screenshots")) {
				browser.screenshot(Path.of("..", "docs", "images", "queries-view.png"));
			}
		}
	}

}
