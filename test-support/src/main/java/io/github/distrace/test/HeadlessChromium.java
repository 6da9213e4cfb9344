package io.github.distrace.test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, never a downloaded
 * browser. With {@code CI=true} a missing browser fails the test; elsewhere the test is
 * skipped with a message.
 */
public final class HeadlessChromium implements AutoCloseable {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private final Path profile;

	private final ChromeDriver driver;

	private HeadlessChromium() throws IOException {
		this.profile = Files.createTempDirectory("distrace-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		// The background-networking flags keep Chromium from calling out of this closed
		// network.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1440,900", "--user-data-dir=" + this.profile);
		// The driver is given explicitly, so Selenium Manager never looks for or
		// downloads one.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	/**
	 * Start the browser, or skip the calling test when it is not installed and CI is not
	 * set.
	 * @return the started browser
	 * @throws IOException if its profile directory cannot be created
	 */
	public static HeadlessChromium start() throws IOException {
		boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
		if (!"true".equals(System.getenv("CI"))) {
			Assumptions.assumeTrue(installed,
					"Skipped: install Debian's chromium and chromium-driver to run the browser tests");
		}
		if (!installed) {
			throw new IllegalStateException("CI=true requires chromium and chromedriver in /usr/bin");
		}
		return new HeadlessChromium();
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Wait until exactly {@code count} elements match.
	 * @param elements what to find
	 * @param count how many must be found
	 * @return the elements
	 */
	public List<WebElement> waitFor(By elements, int count) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(15)).until((driver) -> {
			List<WebElement> found = driver.findElements(elements);
			return (found.size() == count) ? found : null;
		});
	}

	/**
	 * Save a screenshot of the page, as evidence of what a person would see.
	 * @param file where to save it
	 * @throws IOException if it cannot be saved
	 */
	public void screenshot(Path file) throws IOException {
		File screenshot = this.driver.getScreenshotAs(OutputType.FILE);
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.copy(screenshot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() {
		this.driver.quit();
		FileSystemUtils.deleteRecursively(this.profile.toFile());
	}

}
