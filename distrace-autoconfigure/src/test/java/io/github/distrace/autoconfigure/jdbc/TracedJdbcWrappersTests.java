package io.github.distrace.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcPreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written JDBC wrappers: every method of the JDBC interfaces reaches the driver
 * (none falls through to an interface's default, which would not), and the wrappers
 * answer for themselves where a driver's object would leak out.
 */
class TracedJdbcWrappersTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final Tracer tracer = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build()
		.get("test");

	private final JdbcTracing tracing = new JdbcTracing(this.tracer, W3CTraceContextPropagator.getInstance(),
			new DistraceJdbcProperties(), false, Integer.MAX_VALUE);

	static List<Class<?>[]> wrappers() {
		return List.of(new Class<?>[] { Connection.class, TracedConnection.class },
				new Class<?>[] { Statement.class, TracedStatement.class },
				new Class<?>[] { PreparedStatement.class, TracedPreparedStatement.class },
				new Class<?>[] { CallableStatement.class, TracedCallableStatement.class });
	}

	@ParameterizedTest
	@MethodSource("wrappers")
	void everyMethodOfTheInterfaceIsImplementedByTheWrapper(Class<?> jdbcInterface, Class<?> wrapper)
			throws NoSuchMethodException {
		for (Method method : jdbcInterface.getMethods()) {
			if (Modifier.isStatic(method.getModifiers())) {
				continue;
			}
			Method implementation = wrapper.getMethod(method.getName(), method.getParameterTypes());
			assertThat(implementation.getDeclaringClass().isInterface())
				.as("%s.%s%s", wrapper.getSimpleName(), method.getName(), Arrays.toString(method.getParameterTypes()))
				.isFalse();
		}
	}

	@Test
	void wrappersHandOutWrappersAndUnwrapToTheDriver() throws Exception {
		try (Connection connection = TracedConnection.wrap(h2(), this.tracing)) {
			assertThat(TracedConnection.wrap(connection, this.tracing)).isSameAs(connection);
			assertThat(connection.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class);
			assertThat(connection.isWrapperFor(JdbcConnection.class)).isTrue();
			assertThat(connection.toString()).startsWith("Traced[");
			try (PreparedStatement statement = connection.prepareStatement("SELECT ? FROM DUAL")) {
				assertThat(statement).isInstanceOf(TracedPreparedStatement.class);
				assertThat(statement.getConnection()).isSameAs(connection);
				assertThat(statement.unwrap(JdbcPreparedStatement.class)).isInstanceOf(JdbcPreparedStatement.class);
				statement.setLong(1, 42);
				try (ResultSet result = statement.executeQuery()) {
					assertThat(result.next()).isTrue();
					assertThat(result.getLong(1)).isEqualTo(42);
				}
			}
			try (CallableStatement call = connection.prepareCall("CALL ABS(?)")) {
				assertThat(call).isInstanceOf(TracedCallableStatement.class);
				call.setInt(1, -3);
				assertThat(call.execute()).isTrue();
			}
		}
		assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName)
			.containsExactly("SELECT DUAL", "CALL ABS");
	}

	@Test
	void largeUpdatesAreTracedAndReachTheDriver() throws Exception {
		try (Connection connection = TracedConnection.wrap(h2(), this.tracing);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE large_update (id INT)");
			assertThat(statement.executeLargeUpdate("INSERT INTO large_update VALUES (1), (2)")).isEqualTo(2);
			statement.addBatch("INSERT INTO large_update VALUES (3)");
			statement.addBatch("INSERT INTO large_update VALUES (4)");
			assertThat(statement.executeLargeBatch()).containsExactly(1, 1);
		}
		assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName)
			.containsExactly("CREATE large_update", "INSERT large_update", "BATCH INSERT large_update");
	}

	private static Connection h2() throws Exception {
		return DataSourceWrappingTests.h2("wrappers").getConnection();
	}

}
