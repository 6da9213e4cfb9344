package io.github.distrace.autoconfigure.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.distrace.test.HeadlessChromium;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
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
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(
				ExpectedConditions.textToBePresentInElementLocated(By.id("details"), "</script><script>alert(2)"));
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
		assertThat(spans).extracting((row) -> row.findElement(By.cssSelector(".name")).getText()
				+ "@" + row.getAttribute("data-depth"))
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

	private void assertNoMarkupFromData() {
		assertThatExceptionOfType(NoAlertPresentException.class)
			.isThrownBy(() -> this.driver.switchTo().alert());
		assertThat(this.driver.findElements(By.cssSelector("main img, main script"))).isEmpty();
	}

	private List<WebElement> waitFor(By elements, int count) {
		return this.browser.waitFor(elements, count);
	}

	private void screenshot(String name) throws IOException {
		this.browser.screenshot(Path.of("target", name));
	}

}
