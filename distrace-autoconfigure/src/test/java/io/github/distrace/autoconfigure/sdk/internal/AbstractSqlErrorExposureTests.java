package io.github.distrace.autoconfigure.sdk.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.github.distrace.Distrace;
import io.github.distrace.TraceSpan;
import io.github.distrace.Traced;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A unique-key violation holding an e-mail address and a number, through a real server,
 * {@code @Traced} services, a {@code Distrace} span and a real database, as a real OTLP
 * receiver gets the trace: Spring wraps the driver's exception in a
 * {@link DuplicateKeyException} whose message quotes the values, and no span may carry
 * them. Each subclass names one database.
 */
abstract class AbstractSqlErrorExposureTests {

	private static final String LOCAL_PART = "ada.lovelace";

	private static final String DOMAIN = "analytical-engine.example";

	private static final String EMAIL = LOCAL_PART + "@" + DOMAIN;

	// Long enough that it cannot turn up by chance in an id, a port or a duration.
	private static final long ACCOUNT = 918273645;

	private final String table = "distrace_users_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	private final String url;

	private final String username;

	private final String driverException;

	/**
	 * Describe the database under test.
	 * @param url its JDBC URL
	 * @param username the user, with an empty password
	 * @param driverException the class of the driver's exception for a duplicate key
	 */
	AbstractSqlErrorExposureTests(String url, String username, String driverException) {
		this.url = url;
		this.username = username;
		this.driverException = driverException;
	}

	@Test
	void duplicateKeyValuesReachNoSpanOfTheRequest() throws Exception {
		run("/users", (trace) -> {
			assertThat(trace).extracting(ReceivedSpan::name)
				.contains("POST /users", "registration", "Registrations.register", "INSERT " + this.table);
			assertRecordedWithoutValues(span(trace, "POST /users"));
			assertRecordedWithoutValues(span(trace, "registration"));
			assertRecordedWithoutValues(span(trace, "Registrations.register"));
			assertThat(span(trace, "registration").statusMessage()).isNotEmpty();
			assertThat(span(trace, "Registrations.register").statusMessage()).isNotEmpty();
		});
	}

	@Test
	void duplicateKeyValuesReachNoSpanWhenAFutureFails() throws Exception {
		run("/users/later", (trace) -> {
			assertThat(trace).extracting(ReceivedSpan::name)
				.contains("POST /users/later", "Registrations.registerLater", "INSERT " + this.table);
			assertRecordedWithoutValues(span(trace, "POST /users/later"));
			assertRecordedWithoutValues(span(trace, "Registrations.registerLater"));
		});
	}

	private void run(String path, TraceAssertion assertion) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http(); ConfigurableApplicationContext context = start(receiver)) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			jdbc.sql("CREATE TABLE " + this.table
					+ " (account_id INT NOT NULL, email VARCHAR(200) NOT NULL, UNIQUE (account_id, email))")
				.update();
			try {
				jdbc.sql("INSERT INTO " + this.table + " (account_id, email) VALUES (?, ?)")
					.params(ACCOUNT, EMAIL)
					.update();
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(HttpRequest
						.newBuilder(URI
							.create("http://localhost:" + port + path + "?account=" + ACCOUNT + "&email=" + EMAIL))
						.POST(HttpRequest.BodyPublishers.noBody())
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(500);
				String traceId = response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
				ReceivedSpan server = receiver
					.awaitSpan((span) -> span.traceId().equals(traceId) && span.kind().equals("SERVER"));
				// The server span ends last: every other span of the request was exported
				// before it.
				List<ReceivedSpan> trace = receiver.spans()
					.stream()
					.filter((span) -> span.traceId().equals(traceId))
					.toList();
				assertThat(trace).contains(server);
				assertThat(receiver.spans()).allSatisfy(this::assertHoldsNoValue);
				assertion.check(trace);
			}
			finally {
				jdbc.sql("DROP TABLE " + this.table).update();
			}
		}
	}

	private ConfigurableApplicationContext start(OtlpReceiver receiver) {
		SpringApplication application = new SpringApplication(SqlErrorApplication.class);
		return application.run("--server.port=0", "--spring.main.banner-mode=off",
				"--spring.datasource.url=" + this.url, "--spring.datasource.username=" + this.username,
				"--spring.datasource.password=", "--test.table=" + this.table,
				"--distrace.otlp.endpoint=" + receiver.endpoint(), "--distrace.batch.schedule-delay=50ms",
				// Whole stack traces, so that a value cannot hide in a part cut off.
				"--distrace.limits.max-attribute-value-length=100000");
	}

	private void assertHoldsNoValue(ReceivedSpan span) {
		// A record's text holds every part of the span: name, attributes, events and
		// status.
		assertThat(span.toString()).doesNotContain(LOCAL_PART)
			.doesNotContain(DOMAIN)
			.doesNotContain(String.valueOf(ACCOUNT));
	}

	/**
	 * Assert that a span recorded the exception: its type and the driver's exception in
	 * the stack trace, a message without values, and frames.
	 */
	private void assertRecordedWithoutValues(ReceivedSpan span) {
		assertThat(span.statusCode()).isEqualTo("ERROR");
		Map<String, String> exception = span.eventAttributes("exception");
		assertThat(exception).as("exception event of %s", span.name()).isNotNull();
		assertThat(exception).containsEntry("exception.type", DuplicateKeyException.class.getName());
		assertThat(exception.get("exception.message")).isNotEmpty().contains("?");
		assertThat(exception.get("exception.stacktrace")).startsWith(DuplicateKeyException.class.getName() + ": ")
			.contains("Caused by: " + this.driverException)
			.contains("\tat ");
	}

	private static ReceivedSpan span(List<ReceivedSpan> trace, String name) {
		return trace.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

	@FunctionalInterface
	private interface TraceAssertion {

		void check(List<ReceivedSpan> trace);

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ UsersController.class, Registrations.class })
	static class SqlErrorApplication {

	}

	@RestController
	static class UsersController {

		private final Registrations registrations;

		private final Distrace distrace;

		UsersController(Registrations registrations, Distrace distrace) {
			this.registrations = registrations;
			this.distrace = distrace;
		}

		@PostMapping("/users")
		void register(@RequestParam long account, @RequestParam String email) {
			try (TraceSpan span = this.distrace.span("registration")) {
				try {
					this.registrations.register(account, email);
				}
				catch (RuntimeException ex) {
					span.error(ex);
					throw ex;
				}
			}
		}

		@PostMapping("/users/later")
		CompletableFuture<Void> registerLater(@RequestParam long account, @RequestParam String email) {
			return this.registrations.registerLater(account, email);
		}

	}

	@Traced
	static class Registrations {

		private final JdbcClient jdbc;

		private final String table;

		Registrations(JdbcClient jdbc, Environment environment) {
			this.jdbc = jdbc;
			this.table = environment.getRequiredProperty("test.table");
		}

		public void register(long account, String email) {
			insert(this.jdbc, this.table, account, email);
		}

		public CompletableFuture<Void> registerLater(long account, String email) {
			return CompletableFuture
				.runAsync(Context.current().wrap(() -> insert(this.jdbc, this.table, account, email)));
		}

		private static void insert(JdbcClient jdbc, String table, long account, String email) {
			jdbc.sql("INSERT INTO " + table + " (account_id, email) VALUES (?, ?)").params(account, email).update();
		}

	}

}
