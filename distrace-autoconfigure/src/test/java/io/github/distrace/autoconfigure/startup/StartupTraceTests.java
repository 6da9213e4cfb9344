package io.github.distrace.autoconfigure.startup;

import java.util.List;

import javax.sql.DataSource;

import io.github.distrace.autoconfigure.insight.DistraceDatabaseInsightAutoConfiguration;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * An application's start-up is one trace: the schema script's statements and what a
 * runner does are below one {@code application start-up} span, counted and never an N+1;
 * a failed start-up is an error; and the trace can be turned off. Real SpringApplication
 * runs on H2, exporting to a real OTLP receiver.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupTraceTests {

	@Test
	void schemaScriptAndRunnersAreOneTraceBelowTheStartUpSpan(CapturedOutput output) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			try (ConfigurableApplicationContext context = run(receiver, "startup_one_trace")) {
				context.getBean(Tracer.class).spanBuilder("after start-up").startSpan().end();
			}
			ReceivedSpan startup = receiver.awaitSpan(StartupSpan.NAME);
			List<ReceivedSpan> trace = receiver.awaitSpans((span) -> span.traceId().equals(startup.traceId()), 11);
			// CREATE, DELETE, six INSERTs, the runner's span and its SELECT, and the
			// root.
			assertThat(trace).hasSize(11);
			assertThat(startup.parentSpanId()).isEmpty();
			assertThat(startup.attributes()).containsEntry("distrace.startup", "true")
				.containsEntry("distrace.db.query_count", "9")
				.doesNotContainKey("distrace.db.n_plus_one");
			assertThat(trace).filteredOn((span) -> span.name().equals("INSERT warehouses"))
				.hasSize(6)
				.allSatisfy((insert) -> assertThat(insert.parentSpanId()).isEqualTo(startup.spanId()));
			ReceivedSpan warmUp = trace.stream().filter((span) -> span.name().equals("warm up")).findFirst().get();
			assertThat(warmUp.parentSpanId()).isEqualTo(startup.spanId());
			assertThat(trace).filteredOn((span) -> span.name().equals("SELECT warehouses"))
				.singleElement()
				.satisfies((select) -> assertThat(select.parentSpanId()).isEqualTo(warmUp.spanId()));
			assertThat(receiver.awaitSpan("after start-up").traceId()).isNotEqualTo(startup.traceId());
			assertThat(output).doesNotContain("N+1");
		}
	}

	@Test
	void aFailedStartUpIsAnError() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			assertThatIllegalStateException()
				.isThrownBy(() -> run(receiver, "startup_failed", "test.fail-in-runner=true").close());
			ReceivedSpan startup = receiver.awaitSpan(StartupSpan.NAME);
			assertThat(startup.statusCode()).isEqualTo("ERROR");
			assertThat(startup.attributes()).containsEntry("error.type", IllegalStateException.class.getName());
		}
	}

	@Test
	void turnedOffEachStatementIsATraceOfItsOwn() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			try (ConfigurableApplicationContext context = run(receiver, "startup_off",
					"distrace.startup.enabled=false")) {
				context.getBean(Tracer.class).spanBuilder("after start-up").startSpan().end();
			}
			receiver.awaitSpan("after start-up");
			assertThat(receiver.spans()).extracting(ReceivedSpan::name).doesNotContain(StartupSpan.NAME);
			assertThat(receiver.spans()).filteredOn((span) -> span.name().equals("INSERT warehouses"))
				.hasSize(6)
				.allSatisfy((insert) -> assertThat(insert.parentSpanId()).isEmpty());
		}
	}

	private static ConfigurableApplicationContext run(OtlpReceiver receiver, String database, String... properties) {
		SpringApplication application = new SpringApplication(StartupApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] arguments = new String[properties.length + 6];
		arguments[0] = "--distrace.otlp.endpoint=" + receiver.endpoint();
		arguments[1] = "--distrace.batch.schedule-delay=50ms";
		arguments[2] = "--spring.datasource.url=jdbc:h2:mem:" + database;
		arguments[3] = "--spring.sql.init.schema-locations=classpath:startup/schema.sql";
		arguments[4] = "--spring.main.banner-mode=off";
		// Opening the pool's first connection can take long enough to be a pool-wait
		// span: not what these tests count.
		arguments[5] = "--distrace.jdbc.pool-wait.threshold=1h";
		for (int i = 0; i < properties.length; i++) {
			arguments[6 + i] = "--" + properties[i];
		}
		return application.run(arguments);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DistraceSdkAutoConfiguration.class, DistraceJdbcAutoConfiguration.class,
			DistraceDatabaseInsightAutoConfiguration.class, DataSourceAutoConfiguration.class,
			DataSourceInitializationAutoConfiguration.class })
	static class StartupApplication {

		@Bean
		ApplicationRunner warmUp(DataSource dataSource, Tracer tracer, Environment environment) {
			return (arguments) -> {
				var span = tracer.spanBuilder("warm up").startSpan();
				try (var scope = span.makeCurrent()) {
					new JdbcTemplate(dataSource).queryForList("SELECT name FROM warehouses");
					if (environment.getProperty("test.fail-in-runner", Boolean.class, false)) {
						throw new IllegalStateException("the cache could not be warmed up");
					}
				}
				finally {
					span.end();
				}
			};
		}

	}

}
