package io.github.distrace.autoconfigure.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.distrace.test.HeadlessChromium;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The viewer in a real headless Chromium ({@link HeadlessChromium}: Debian's browser,
 * required on CI, skipped elsewhere when it is not installed).
 */
@SpringBootTest(classes = ViewerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=orders", "distrace.exporter=none", "distrace.ui.enabled=true" })
class ViewerBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Tracer tracer;

	@Autowired
	private TraceStore store;

	private HeadlessChromium browser;

	private WebDriver driver;

	@BeforeEach
	void startBrowser() throws IOException {
		this.browser = HeadlessChromium.start();
		this.driver = this.browser.driver();
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void showsTheTraceListTheWaterfallAndSpanDetails() throws IOException {
		this.store.clear();
		OrderTraces traces = new OrderTraces(this.tracer);
		long now = System.currentTimeMillis();
		traces.order(now - 9_000, false);
		String hostile = traces.hostile(now - 6_000);
		traces.order(now - 3_000, false);
		// Recorded exceptions carry the current time: this trace is placed around it.
		String failed = traces.order(System.currentTimeMillis() - 20, true);

		this.driver.get("http://127.0.0.1:" + this.port + "/distrace/");
		List<WebElement> rows = waitFor(By.cssSelector("#trace-list tbody tr"), 4);
		assertThat(rows.get(0).getAttribute("data-trace-id")).isEqualTo(failed);
		assertThat(rows.get(0).getText()).contains("GET /orders/{id}", "orders", "40.0 ms", failed);
		assertThat(rows.get(0).getAttribute("class")).contains("has-error");
		assertThat(rows.get(2).getText()).contains(OrderTraces.XSS);
		assertNoMarkupFromData();
		screenshot("viewer-list-screenshot.png");

		rows.get(0).click();
		List<WebElement> spans = waitFor(By.cssSelector("#wf-rows .span-row"), 3);
		assertThat(spans).extracting((row) -> row.findElement(By.cssSelector(".name")).getText())
			.containsExactly("GET /orders/{id}", "OrderService.find", "SELECT orders");
		assertThat(spans).extracting((row) -> row.getAttribute("data-depth")).containsExactly("0", "1", "2");
		assertThat(spans).extracting((row) -> row.findElement(By.cssSelector(".kind")).getText())
			.containsExactly("SERVER", "INTERNAL", "CLIENT");
		assertThat(spans.get(2).findElement(By.cssSelector(".sql")).getText())
			.isEqualTo("SELECT id, total FROM orders WHERE id = ?");
		assertThat(spans.get(2).getAttribute("class")).contains("error");

		spans.get(2).click();
		WebElement details = this.driver.findElement(By.id("details"));
		new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElement(details, "db.system.name"));
		assertThat(details.getText()).contains("SELECT orders", "Table ORDERS not found", "db.query.text", "h2",
				"service.name");
		assertThat(details.findElement(By.cssSelector("pre.stack")).getText())
			.contains("java.lang.IllegalStateException: Table ORDERS not found");
		screenshot("viewer-screenshot.png");

		spans.get(0).findElement(By.cssSelector(".twisty")).click();
		waitFor(By.cssSelector("#wf-rows .span-row"), 1);
		this.driver.findElement(By.id("expand-all")).click();
		waitFor(By.cssSelector("#wf-rows .span-row"), 3);

		WebElement open = this.driver.findElement(By.id("open-id"));
		open.sendKeys("00-" + hostile + "-00f067aa0ba902b7-01");
		open.submit();
		new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBe(By.id("trace-title"), OrderTraces.XSS));
		waitFor(By.cssSelector("#wf-rows .span-row"), 1).get(0).click();
		new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("details"), "</script><script>alert(2)"));
		screenshot("viewer-xss-screenshot.png");
		assertNoMarkupFromData();
	}

	@Test
	void showsATraceAcrossServicesReceivedOverOtlp() throws IOException {
		this.store.clear();
		OrderTraces traces = new OrderTraces(this.tracer);
		long now = System.currentTimeMillis();
		traces.order(now - 8_000, false);
		traces.order(now - 5_000, true);
		String checkout = traces.checkoutWithPaymentsOverOtlp(this.port, now - 2_000);
		this.driver.get("http://127.0.0.1:" + this.port + "/distrace/#/trace/" + checkout);
		List<WebElement> spans = waitFor(By.cssSelector("#wf-rows .span-row"), 9);
		assertThat(spans)
			.extracting(
					(row) -> row.findElement(By.cssSelector(".name")).getText() + "@" + row.getAttribute("data-depth"))
			.containsExactly("POST /orders/{id}/checkout@0", "CheckoutService.checkout@1", "SELECT orders@2",
					"SELECT order_lines@2", "POST@2", "POST /payments@3", "PaymentService.charge@4",
					"INSERT payments@5", "UPDATE orders@2");
		assertThat(spans.get(5).findElement(By.cssSelector(".service")).getText()).isEqualTo("payments");
		String ordersColor = spans.get(0).findElement(By.cssSelector(".bar")).getCssValue("background-color");
		assertThat(spans.get(5).findElement(By.cssSelector(".bar")).getCssValue("background-color"))
			.isNotEqualTo(ordersColor);
		spans.get(7).click();
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(ExpectedConditions
			.textToBePresentInElementLocated(By.id("details"), "INSERT INTO payments (order_id, amount) VALUES"));
		screenshot("viewer-services-screenshot.png");
	}

	@Test
	void listsAThousandTracesAndFiltersThem() {
		this.store.clear();
		OrderTraces traces = new OrderTraces(this.tracer);
		long start = System.currentTimeMillis() - 1_000_000;
		for (int i = 0; i < 999; i++) {
			traces.order(start + i * 1000L, false);
		}
		String failed = traces.order(start + 999_000, true);
		this.driver.get("http://127.0.0.1:" + this.port + "/distrace/");
		assertThat(waitFor(By.cssSelector("#trace-list tbody tr"), 1000).get(0).getAttribute("data-trace-id"))
			.isEqualTo(failed);
		this.driver.findElement(By.cssSelector("#filters input[name=errors]")).click();
		assertThat(waitFor(By.cssSelector("#trace-list tbody tr"), 1).get(0).getAttribute("data-trace-id"))
			.isEqualTo(failed);
		assertThat(this.driver.findElement(By.id("status")).getText()).contains("1 shown", "1000 of 1000 kept");
	}

	@Test
	void showsQueriesDatabaseTimeAndNPlusOnesInTheListAndFiltersThem() {
		this.store.clear();
		OrderTraces traces = new OrderTraces(this.tracer);
		long now = System.currentTimeMillis();
		String order = traces.order(now - 3_000, false);
		String list = traces.orderList(now - 2_000, 8);
		this.driver.get("http://127.0.0.1:" + this.port + "/distrace/");
		List<WebElement> rows = waitFor(By.cssSelector("#trace-list tbody tr"), 2);
		assertThat(rows.get(0).getAttribute("data-trace-id")).isEqualTo(list);
		assertThat(rows.get(0).findElement(By.cssSelector(".badge-n1")).getText()).isEqualTo("N+1");
		assertThat(rows.get(0).findElements(By.cssSelector("td"))).extracting(WebElement::getText)
			.contains("9", "38.0 ms");
		assertThat(rows.get(1).getAttribute("data-trace-id")).isEqualTo(order);
		assertThat(rows.get(1).findElements(By.cssSelector(".badge-n1"))).isEmpty();
		assertThat(rows.get(1).findElements(By.cssSelector("td"))).extracting(WebElement::getText)
			.contains("1", "20.0 ms");
		this.driver.findElement(By.cssSelector("#filters input[name=nPlusOne]")).click();
		assertThat(waitFor(By.cssSelector("#trace-list tbody tr"), 1).get(0).getAttribute("data-trace-id"))
			.isEqualTo(list);
	}

	@Test
	void collapsesAnNPlusOneGroupIntoOneRowAndExpandsIt() throws IOException {
		this.store.clear();
		String list = new OrderTraces(this.tracer).orderList(System.currentTimeMillis() - 1_000, 8);
		this.driver.get("http://127.0.0.1:" + this.port + "/distrace/#/trace/" + list);
		List<WebElement> rows = waitFor(By.cssSelector("#wf-rows .span-row"), 4);
		assertThat(rows).extracting((row) -> row.findElement(By.cssSelector(".name")).getText())
			.containsExactly("GET /orders", "OrderService.list", "SELECT orders", "SELECT order_lines");
		WebElement group = rows.get(3);
		assertThat(group.getAttribute("class")).contains("group-row");
		assertThat(group.findElement(By.cssSelector(".group-count")).getText()).isEqualTo("× 8, 36.0 ms in all");
		assertThat(group.findElement(By.cssSelector(".sql")).getText()).isEqualTo(OrderTraces.LINES_SQL);
		assertThat(group.findElements(By.cssSelector(".bar"))).hasSize(8);
		assertThat(this.driver.findElement(By.id("trace-meta")).getText()).contains("Queries 9", "N+1");
		screenshot("viewer-n-plus-one-collapsed.png");

		group.click();
		rows = waitFor(By.cssSelector("#wf-rows .span-row"), 12);
		assertThat(rows.get(3).getAttribute("class")).contains("group-row");
		assertThat(rows.subList(4, 12)).allSatisfy((row) -> {
			assertThat(row.getAttribute("class")).contains("nplus1");
			assertThat(row.findElement(By.cssSelector(".name")).getText()).isEqualTo("SELECT order_lines");
		});
		assertThat(rows.get(2).getAttribute("class")).doesNotContain("nplus1");
		screenshot("viewer-n-plus-one-expanded.png");

		rows.get(3).findElement(By.cssSelector(".twisty")).click();
		waitFor(By.cssSelector("#wf-rows .span-row"), 4);
		this.driver.findElement(By.id("expand-all")).click();
		waitFor(By.cssSelector("#wf-rows .span-row"), 12);
	}

	@Test
	void sortsTheQueriesViewAndListsTheTracesOfAStatement() throws IOException {
		this.store.clear();
		OrderTraces traces = new OrderTraces(this.tracer);
		long now = System.currentTimeMillis();
		traces.order(now - 5_000, false);
		traces.order(now - 4_000, false);
		String list = traces.orderList(now - 3_000, 8);
		String checkout = traces.checkoutWithPaymentsOverOtlp(this.port, now - 2_000);
		this.driver.get("http://127.0.0.1:" + this.port + "/distrace/#/queries");
		List<WebElement> rows = waitFor(By.cssSelector("#query-table tbody tr"), 6);
		assertThat(rows.get(0).getText()).contains("SELECT order_lines", OrderTraces.LINES_SQL, "9", "42.0 ms",
				"4.67 ms", "8.00 ms", "GET /orders", "POST /orders/{id}/checkout");
		assertThat(rows.get(2).getText()).contains("INSERT payments", "POST /payments");
		assertThat(this.driver.findElement(By.id("tab-queries")).getAttribute("class")).contains("current");

		sortBy("query-table", "Count");
		waitForColumn("query-table", ".c-num", List.of("9", "2", "1", "1", "1", "1"));
		sortBy("query-table", "Count");
		waitForColumn("query-table", ".c-num", List.of("1", "1", "1", "1", "2", "9"));
		sortBy("query-table", "Statement");
		waitForColumn("query-table", ".q-text",
				List.of("INSERT INTO payments (order_id, amount) VALUES (?, ?)",
						"SELECT id, total FROM orders WHERE id = ?", "SELECT id, total FROM orders WHERE status = ?",
						"SELECT id, total, status FROM orders WHERE id = ?", OrderTraces.LINES_SQL,
						"UPDATE orders SET status = ? WHERE id = ?"));
		assertThat(this.driver.findElement(By.cssSelector("#query-table th[data-sort=text]")).getAttribute("aria-sort"))
			.isEqualTo("ascending");

		this.driver.findElements(By.cssSelector("#query-table tbody tr")).get(4).click();
		List<WebElement> ran = waitFor(By.cssSelector("#query-traces .query-trace"), 2);
		assertThat(ran).extracting((trace) -> trace.getAttribute("data-trace-id")).containsExactly(checkout, list);
		assertThat(this.driver.findElement(By.id("query-traces")).getText())
			.containsIgnoringCase("Traces that ran it (2)")
			.contains(OrderTraces.LINES_SQL);
		screenshot("viewer-queries-screenshot.png");
		ran.get(1).click();
		waitFor(By.cssSelector("#wf-rows .group-row"), 1);
		assertThat(this.driver.getCurrentUrl()).endsWith("#/trace/" + list);
	}

	@Test
	void showsTheParametersAndPlanOfASlowStatement() throws IOException {
		this.store.clear();
		String plan = "Index Scan using orders_pkey on orders  (cost=0.15..8.17 rows=1 width=40)";
		Span request = this.tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
		Span query = this.tracer.spanBuilder("SELECT orders")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(Context.root().with(request))
			.setAttribute("db.system.name", "postgresql")
			.setAttribute("db.query.text", "SELECT id, total FROM orders WHERE id = ? AND status = ?")
			.setAttribute("distrace.db.slow", true)
			.setAttribute("db.query.parameter.0", "42")
			.setAttribute("db.query.parameter.1", "<script>alert(3)</script>")
			.startSpan();
		query.addEvent("distrace.db.explain", Attributes.of(AttributeKey.stringKey("distrace.db.plan"), plan));
		query.end();
		request.end();
		String traceId = request.getSpanContext().getTraceId();

		this.driver.get("http://127.0.0.1:" + this.port + "/distrace/#/trace/" + traceId);
		waitFor(By.cssSelector("#wf-rows .span-row"), 2).get(1).click();
		waitFor(By.cssSelector("#details pre.plan"), 1);
		assertThat(this.driver.findElements(By.cssSelector("#details ol.parameters li")))
			.extracting(WebElement::getText)
			.containsExactly("42", "<script>alert(3)</script>");
		assertThat(this.driver.findElement(By.cssSelector("#details pre.plan")).getText()).isEqualTo(plan);
		screenshot("viewer-slow-query-screenshot.png");

		this.driver.get("http://127.0.0.1:" + this.port + "/distrace/#/queries");
		waitFor(By.cssSelector("#query-table tbody tr"), 1).get(0).click();
		assertThat(waitFor(By.cssSelector("#query-traces pre.plan"), 1).get(0).getText()).isEqualTo(plan);
		assertNoMarkupFromData();
	}

	@Test
	void showsTheFindingsRankedByTheirCostWithAHintAndLinksToTheirTraces() throws IOException {
		this.store.clear();
		long now = System.currentTimeMillis();
		Span request = this.tracer.spanBuilder("GET /orders")
			.setSpanKind(SpanKind.SERVER)
			.setStartTimestamp(now - 1_000, TimeUnit.MILLISECONDS)
			.startSpan();
		request.addEvent("distrace.n_plus_one",
				Attributes.of(AttributeKey.stringKey("db.query.text"), "SELECT * FROM lines WHERE id = '<b>x</b>'",
						AttributeKey.longKey("distrace.db.query_count"), 12L,
						AttributeKey.doubleKey("distrace.db.duration_ms"), 90.0));
		this.tracer.spanBuilder("SELECT orders")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(Context.root().with(request))
			.setAttribute("db.system.name", "postgresql")
			.setAttribute("db.query.text", "SELECT * FROM orders")
			.setAttribute("distrace.db.slow", true)
			.setStartTimestamp(now - 900, TimeUnit.MILLISECONDS)
			.startSpan()
			.end(now - 300, TimeUnit.MILLISECONDS);
		this.tracer.spanBuilder("SELECT order_lines")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(Context.root().with(request))
			.setAttribute("db.system.name", "postgresql")
			.setAttribute("db.query.text", "SELECT * FROM order_lines")
			.setAttribute("db.response.returned_rows", 50_000L)
			.setAttribute("distrace.db.large_result", true)
			.setStartTimestamp(now - 200, TimeUnit.MILLISECONDS)
			.startSpan()
			.end(now - 150, TimeUnit.MILLISECONDS);
		request.end(now, TimeUnit.MILLISECONDS);
		String traceId = request.getSpanContext().getTraceId();

		this.driver.get("http://127.0.0.1:" + this.port + "/distrace/");
		this.driver.findElement(By.id("tab-findings")).click();
		List<WebElement> rows = waitFor(By.cssSelector("#finding-table tbody tr"), 3);
		assertThat(rows).extracting((row) -> row.findElement(By.cssSelector(".finding-kind")).getText())
			.containsExactly("Slow", "N+1", "Large result");
		assertThat(rows.get(2).findElement(By.cssSelector(".finding-hint")).getText())
			.startsWith("This statement returned up to 50,000 rows to the application");
		assertThat(rows.get(1).findElement(By.cssSelector(".q-text")).getText())
			.isEqualTo("SELECT * FROM lines WHERE id = '<b>x</b>'");
		assertThat(rows.get(1).findElement(By.cssSelector(".finding-hint")).getText())
			.startsWith("The same statement ran again and again in one request");
		screenshot("viewer-findings-screenshot.png");
		assertNoMarkupFromData();
		rows.get(0).findElement(By.cssSelector(".finding-traces a")).click();
		waitFor(By.cssSelector("#wf-rows .span-row"), 3);
		assertThat(this.driver.getCurrentUrl()).endsWith("#/trace/" + traceId);
	}

	@Test
	void showsTheEndpointsOfEveryService() throws IOException {
		this.store.clear();
		OrderTraces traces = new OrderTraces(this.tracer);
		long now = System.currentTimeMillis();
		traces.order(now - 5_000, false);
		traces.order(System.currentTimeMillis() - 20, true);
		traces.checkoutWithPaymentsOverOtlp(this.port, now - 2_000);
		this.driver.get("http://127.0.0.1:" + this.port + "/distrace/");
		waitFor(By.cssSelector("#trace-list tbody tr"), 3);
		this.driver.findElement(By.id("tab-endpoints")).click();
		List<WebElement> rows = waitFor(By.cssSelector("#endpoint-table tbody tr"), 3);
		assertThat(rows).extracting((row) -> row.findElement(By.cssSelector(".root-name")).getText())
			.containsExactly("GET /orders/{id}", "POST /orders/{id}/checkout", "POST /payments");
		assertThat(rows.get(0).findElements(By.cssSelector("td"))).extracting(WebElement::getText)
			.containsExactly("GET /orders/{id}", "2", "1", "40.0 ms", "40.0 ms", "40.0 ms", "1.0", "50 %");
		assertThat(rows.get(2).findElements(By.cssSelector("td"))).extracting(WebElement::getText)
			.containsExactly("POST /payments", "1", "0", "37.0 ms", "37.0 ms", "37.0 ms", "1.0", "32 %");
		screenshot("viewer-endpoints-screenshot.png");

		sortBy("endpoint-table", "Time in database");
		waitForColumn("endpoint-table", ".root-name",
				List.of("GET /orders/{id}", "POST /payments", "POST /orders/{id}/checkout"));
		this.driver.findElements(By.cssSelector("#endpoint-table tbody tr")).get(1).click();
		assertThat(waitFor(By.cssSelector("#trace-list tbody tr"), 1).get(0).getText())
			.contains("POST /orders/{id}/checkout");
		assertThat(this.driver.findElement(By.cssSelector("#filters input[name=name]")).getAttribute("value"))
			.isEqualTo("POST /payments");
	}

	private void sortBy(String table, String column) {
		this.driver.findElement(By.xpath("//table[@id='" + table + "']//th/button[text()='" + column + "']")).click();
	}

	private void waitForColumn(String table, String cells, List<String> expected) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElements(By.cssSelector("#" + table + " tbody tr"))
				.stream()
				.map((row) -> row.findElement(By.cssSelector(cells)).getText())
				.toList()
				.equals(expected));
	}

	private void assertNoMarkupFromData() {
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> this.driver.switchTo().alert());
		assertThat(this.driver.findElements(By.cssSelector("main img, main script"))).isEmpty();
	}

	private List<WebElement> waitFor(By elements, int count) {
		return this.browser.waitFor(elements, count);
	}

	private void screenshot(String name) throws IOException {
		this.browser.screenshot(Path.of("target", name));
	}

}
