package io.github.distrace.autoconfigure.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.distrace.NPlusOneDetected;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.DbAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What database insight keeps, and for how long: spans that become query spans after they
 * start, the bound on open spans, and local roots that run for long (a scheduled job, a
 * batch), against H2 through the real JDBC path.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseInsightBoundsTests {

	private static final AttributeKey<Long> QUERY_COUNT = AttributeKey.longKey("distrace.db.query_count");

	private static final AttributeKey<Boolean> N_PLUS_ONE = AttributeKey.booleanKey("distrace.db.n_plus_one");

	private static final AttributeKey<Long> N_PLUS_ONE_UNREPORTED = AttributeKey
		.longKey("distrace.db.n_plus_one_unreported");

	private static final String BOUND_WARNING = "Database insight follows at most";

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final List<NPlusOneDetected> events = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
				DistraceJdbcAutoConfiguration.class, DistraceDatabaseInsightAutoConfiguration.class,
				DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none",
				"spring.datasource.url=jdbc:h2:mem:distrace_insight_bounds;DB_CLOSE_DELAY=-1")
		.withBean("testSpanProcessor", SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter))
		.withBean(AbstractNPlusOneTests.DetectedEvents.class,
				() -> new AbstractNPlusOneTests.DetectedEvents(this.events));

	@Test
	void spansThatBecomeQuerySpansAfterTheyStartAreCountedAndReleased(CapturedOutput output) {
		run((context, jdbc) -> {
			Tracer tracer = context.getBean(Tracer.class);
			DatabaseInsightSpanProcessor insight = context.getBean(DatabaseInsightSpanProcessor.class);
			root(tracer, "GET /orders", SpanKind.SERVER, () -> {
				for (int i = 0; i < 3; i++) {
					lateQuerySpan(tracer);
				}
			});
			assertThat(span("GET /orders").getAttributes().get(QUERY_COUNT)).isEqualTo(3L);
			assertThat(insight.openSpans()).isZero();
			// Outside any request, past the bound on open spans.
			for (int i = 0; i < DatabaseInsightSpanProcessor.MAX_OPEN_SPANS + 1000; i++) {
				lateQuerySpan(tracer);
				if (i % 1000 == 0) {
					this.exporter.reset();
				}
			}
			assertThat(insight.openSpans()).isZero();
			this.exporter.reset();
			root(tracer, "GET /orders", SpanKind.SERVER, () -> linesOneByOne(jdbc, 5));
			SpanData request = span("GET /orders");
			assertThat(request.getAttributes().get(QUERY_COUNT)).isEqualTo(5L);
			assertThat(request.getAttributes().get(N_PLUS_ONE)).isTrue();
			assertThat(this.events).hasSize(1);
			assertThat(insight.openSpans()).isZero();
			assertThat(output).doesNotContain(BOUND_WARNING);
		});
	}

	@Test
	void reachingTheBoundOfOpenSpansIsLoggedOnce(CapturedOutput output) {
		run((context, jdbc) -> {
			Tracer tracer = context.getBean(Tracer.class);
			DatabaseInsightSpanProcessor insight = context.getBean(DatabaseInsightSpanProcessor.class);
			// Started and never ended, as leaked spans are.
			List<Span> leaked = new ArrayList<>();
			for (int i = 0; i < DatabaseInsightSpanProcessor.MAX_OPEN_SPANS + 100; i++) {
				leaked.add(tracer.spanBuilder("leaked").startSpan());
			}
			root(tracer, "GET /orders", SpanKind.SERVER, () -> linesOneByOne(jdbc, 5));
			assertThat(output.getOut().lines().filter((line) -> line.contains(BOUND_WARNING))).singleElement()
				.satisfies((line) -> assertThat(line).contains("WARN"));
			leaked.forEach(Span::end);
			assertThat(insight.openSpans()).isZero();
		});
	}

	@Test
	void longLocalRootReportsABoundedNumberOfNPlusOnesAndCountsTheRest() {
		run((context, jdbc) -> {
			Tracer tracer = context.getBean(Tracer.class);
			// A scheduled job whose statements are built per item: 2,000 distinct
			// statements, each an N+1.
			root(tracer, "OrderJob.run", SpanKind.INTERNAL, () -> distinctStatementsFiveTimesEach(jdbc, 2000));
			SpanData job = span("OrderJob.run");
			assertThat(job.getAttributes().get(QUERY_COUNT)).isEqualTo(10_000L);
			assertThat(job.getAttributes().get(N_PLUS_ONE)).isTrue();
			// 1,000 statements followed (max-statements), 100 of their N+1s reported
			// (max-reported).
			assertThat(nPlusOneEvents(job)).hasSize(100);
			assertThat(this.events).hasSize(100);
			assertThat(job.getAttributes().get(N_PLUS_ONE_UNREPORTED)).isEqualTo(900L);
			assertThat(context.getBean(DatabaseInsightSpanProcessor.class).openSpans()).isZero();
		});
	}

	@Test
	void longLocalRootWithAnNPlusOnePerItemReportsABoundedNumber() {
		run((context, jdbc) -> {
			Tracer tracer = context.getBean(Tracer.class);
			root(tracer, "OrderJob.run", SpanKind.INTERNAL, () -> {
				for (int item = 0; item < 2000; item++) {
					Span span = tracer.spanBuilder("OrderJob.item").startSpan();
					try (Scope scope = span.makeCurrent()) {
						linesOneByOne(jdbc, 5);
					}
					finally {
						span.end();
					}
				}
			});
			SpanData job = span("OrderJob.run");
			assertThat(job.getAttributes().get(QUERY_COUNT)).isEqualTo(10_000L);
			assertThat(job.getAttributes().get(N_PLUS_ONE)).isTrue();
			assertThat(this.events).hasSize(100);
			assertThat(this.exporter.getFinishedSpanItems()).filteredOn((span) -> !nPlusOneEvents(span).isEmpty())
				.hasSize(100);
			assertThat(job.getAttributes().get(N_PLUS_ONE_UNREPORTED)).isEqualTo(1900L);
		});
	}

	@Test
	void boundsPerLocalRootAreConfigurable() {
		run(new String[] { "distrace.jdbc.n-plus-one.max-statements=10", "distrace.jdbc.n-plus-one.max-reported=3" },
				(context, jdbc) -> {
					Tracer tracer = context.getBean(Tracer.class);
					root(tracer, "OrderJob.run", SpanKind.INTERNAL, () -> distinctStatementsFiveTimesEach(jdbc, 20));
					SpanData job = span("OrderJob.run");
					assertThat(job.getAttributes().get(QUERY_COUNT)).isEqualTo(100L);
					assertThat(this.events).extracting(NPlusOneDetected::statement)
						.containsExactly("SELECT product AS p0 FROM lines WHERE order_id = ?",
								"SELECT product AS p1 FROM lines WHERE order_id = ?",
								"SELECT product AS p2 FROM lines WHERE order_id = ?");
					assertThat(job.getAttributes().get(N_PLUS_ONE_UNREPORTED)).isEqualTo(7L);
				});
	}

	/**
	 * A client span that gets its database attributes only after it started, as
	 * Micrometer's do.
	 */
	private static void lateQuerySpan(Tracer tracer) {
		Span span = tracer.spanBuilder("query").setSpanKind(SpanKind.CLIENT).startSpan();
		span.setAttribute(DbAttributes.DB_SYSTEM_NAME, "h2database");
		span.setAttribute(DbAttributes.DB_QUERY_TEXT, "SELECT product FROM lines WHERE order_id = ?");
		span.end();
	}

	private static void distinctStatementsFiveTimesEach(JdbcTemplate jdbc, int statements) {
		for (int statement = 0; statement < statements; statement++) {
			for (int id = 1; id <= 5; id++) {
				jdbc.queryForList("SELECT product AS p" + statement + " FROM lines WHERE order_id = ?", id);
			}
		}
	}

	private static void linesOneByOne(JdbcTemplate jdbc, int orders) {
		for (int id = 1; id <= orders; id++) {
			jdbc.queryForList("SELECT product FROM lines WHERE order_id = ?", id);
		}
	}

	private static void root(Tracer tracer, String name, SpanKind kind, Runnable work) {
		Span span = tracer.spanBuilder(name).setSpanKind(kind).startSpan();
		try (Scope scope = span.makeCurrent()) {
			work.run();
		}
		finally {
			span.end();
		}
	}

	private SpanData span(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static List<EventData> nPlusOneEvents(SpanData span) {
		return span.getEvents().stream().filter((event) -> event.getName().equals("distrace.n_plus_one")).toList();
	}

	private void run(String[] properties, DatabaseTest test) {
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE lines (order_id INT, product VARCHAR(40))");
			try {
				jdbc.update("INSERT INTO lines (order_id, product) VALUES (1, 'p1')");
				this.exporter.reset();
				this.events.clear();
				test.run(context, jdbc);
			}
			finally {
				jdbc.execute("DROP TABLE lines");
			}
		});
	}

	private void run(DatabaseTest test) {
		run(new String[0], test);
	}

	@FunctionalInterface
	interface DatabaseTest {

		void run(AssertableApplicationContext context, JdbcTemplate jdbc) throws Exception;

	}

}
