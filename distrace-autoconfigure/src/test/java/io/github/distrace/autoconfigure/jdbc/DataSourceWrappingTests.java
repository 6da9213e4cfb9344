package io.github.distrace.autoconfigure.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.DbAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How data source beans of every shape are wrapped: routing data sources, proxies over
 * other beans, final classes, existing AOP proxies, scoped targets.
 */
class DataSourceWrappingTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceJdbcAutoConfiguration.class))
		// Each connection of a DriverManagerDataSource is a new H2 session, whose opening
		// can outlast the pool-wait threshold; PoolWaitTests look at that time, these do
		// not.
		.withPropertyValues("distrace.exporter=none", "distrace.jdbc.pool-wait.threshold=1h")
		.withBean("testSpanProcessor", SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter));

	@Test
	void routingDataSourceOverTracedBeansProducesOneSpanPerStatement() {
		this.contextRunner.withUserConfiguration(RoutingOverBeansConfiguration.class).run((context) -> {
			DataSource routing = context.getBean("routing", DataSource.class);
			assertThat(routing).isInstanceOf(KeyRoutingDataSource.class);
			assertThat(DataSourceTracingPostProcessor.isTraced(context.getBean("first"))).isTrue();
			assertThat(queryThrough(context, routing)).containsExactly("SELECT");
		});
	}

	@Test
	void routingDataSourceOverPlainTargetsProducesOneSpanPerStatement() {
		this.contextRunner.withBean("routing", DataSource.class, () -> routing(h2("inline"))).run((context) -> {
			assertThat(queryThrough(context, context.getBean(DataSource.class))).containsExactly("SELECT");
		});
	}

	@Test
	void proxiesOverTracedBeansProduceOneSpanPerStatement() {
		this.contextRunner.withUserConfiguration(ProxiesOverBeanConfiguration.class).run((context) -> {
			assertThat(queryThrough(context, context.getBean("lazy", DataSource.class))).containsExactly("SELECT");
			assertThat(queryThrough(context, context.getBean("transactionAware", DataSource.class)))
				.containsExactly("SELECT");
		});
	}

	@Test
	void dataSourceOfAFinalClassIsTracedThroughItsInterfaces() {
		this.contextRunner.withBean("final", DataSource.class, () -> new FinalDataSource(h2("final")))
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				assertThat(dataSource).isNotInstanceOf(FinalDataSource.class);
				assertThat(dataSource.unwrap(FinalDataSource.class)).isInstanceOf(FinalDataSource.class);
				assertThat(queryThrough(context, dataSource)).containsExactly("SELECT");
			});
	}

	@Test
	void dataSourceWithAFinalGetConnectionIsTracedThroughItsInterfaces() {
		this.contextRunner.withBean("finalMethod", DataSource.class, () -> new FinalMethodDataSource(h2("method")))
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				assertThat(dataSource).isNotInstanceOf(FinalMethodDataSource.class);
				assertThat(queryThrough(context, dataSource)).containsExactly("SELECT");
			});
	}

	@Test
	void existingAopProxyGetsTheAdviceAdded() {
		ProxyFactory factory = new ProxyFactory(h2("aop"));
		DataSource proxy = (DataSource) factory.getProxy();
		this.contextRunner.withBean("proxied", DataSource.class, () -> proxy).run((context) -> {
			assertThat(context.getBean(DataSource.class)).isSameAs(proxy);
			assertThat(queryThrough(context, proxy)).containsExactly("SELECT");
		});
	}

	@Test
	void beanIsNeverWrappedTwiceAndScopedTargetsAreLeftAlone() {
		this.contextRunner.withBean("plain", DataSource.class, () -> h2("twice")).run((context) -> {
			DataSourceTracingPostProcessor postProcessor = context.getBean(DataSourceTracingPostProcessor.class);
			DataSource traced = context.getBean(DataSource.class);
			assertThat(postProcessor.postProcessAfterInitialization(traced, "again")).isSameAs(traced);
			assertThat(AopUtils.isAopProxy(traced)).isTrue();
			DataSource target = h2("scoped");
			assertThat(postProcessor.postProcessAfterInitialization(target, "scopedTarget.plain")).isSameAs(target);
			assertThat(queryThrough(context, traced)).containsExactly("SELECT");
		});
	}

	@Test
	void sameStatementOnTwoDatabasesNamesEachTimeTheDatabaseItRanOn() {
		this.contextRunner.withBean("first", DataSource.class, () -> h2("first"))
			.withBean("second", DataSource.class, () -> h2("second"))
			.run((context) -> {
				JdbcTemplate first = new JdbcTemplate(context.getBean("first", DataSource.class));
				JdbcTemplate second = new JdbcTemplate(context.getBean("second", DataSource.class));
				this.exporter.reset();
				for (JdbcTemplate jdbc : List.of(first, second, second, first)) {
					assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isOne();
				}
				assertThat(this.exporter.getFinishedSpanItems())
					.map((span) -> span.getAttributes().get(DbAttributes.DB_NAMESPACE))
					.containsExactly("first", "second", "second", "first");
			});
	}

	private List<String> queryThrough(AssertableApplicationContext context, DataSource dataSource) {
		this.exporter.reset();
		assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT 1", Integer.class)).isOne();
		return this.exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList();
	}

	static DataSource h2(String name) {
		return new DriverManagerDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	static KeyRoutingDataSource routing(DataSource... targets) {
		KeyRoutingDataSource routing = new KeyRoutingDataSource();
		Map<Object, Object> map = new java.util.HashMap<>();
		for (int i = 0; i < targets.length; i++) {
			map.put(i, targets[i]);
		}
		routing.setTargetDataSources(map);
		routing.setDefaultTargetDataSource(targets[0]);
		return routing;
	}

	static class KeyRoutingDataSource extends AbstractRoutingDataSource {

		@Override
		protected Object determineCurrentLookupKey() {
			return 0;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoutingOverBeansConfiguration {

		@Bean
		DataSource first() {
			return h2("first");
		}

		@Bean
		DataSource second() {
			return h2("second");
		}

		@Bean
		@Primary
		KeyRoutingDataSource routing(DataSource first, DataSource second) {
			return DataSourceWrappingTests.routing(first, second);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxiesOverBeanConfiguration {

		@Bean
		@Primary
		DataSource target() {
			return h2("target");
		}

		@Bean
		LazyConnectionDataSourceProxy lazy(DataSource target) {
			return new LazyConnectionDataSourceProxy(target);
		}

		@Bean
		TransactionAwareDataSourceProxy transactionAware(DataSource target) {
			return new TransactionAwareDataSourceProxy(target);
		}

	}

	static class FinalMethodDataSource extends DelegatingDataSource {

		FinalMethodDataSource(DataSource target) {
			super(target);
		}

		@Override
		public final Connection getConnection() throws SQLException {
			return super.getConnection();
		}

	}

	static final class FinalDataSource implements DataSource {

		private final DataSource delegate;

		FinalDataSource(DataSource delegate) {
			this.delegate = delegate;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return this.delegate.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return this.delegate.getConnection(username, password);
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			if (iface.isInstance(this)) {
				return iface.cast(this);
			}
			throw new SQLException("not a wrapper for " + iface);
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) {
			return iface.isInstance(this);
		}

	}

}
