package io.github.distrace.autoconfigure;

import io.lettuce.core.protocol.CommandArgs;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What distrace reads by reflection or from the class path is registered for Spring AOT,
 * through {@code META-INF/spring/aot.factories}, so that a native image keeps it. The
 * sample app's {@code SampleAotTests} runs an application processed ahead of time.
 */
class RuntimeHintsTests {

	private final RuntimeHints hints = registered();

	@Test
	void theViewersFilesAreResources() {
		for (String file : new String[] { "index.html", "viewer.js", "viewer.css" }) {
			assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/distrace/ui/" + file))
				.accepts(this.hints);
		}
	}

	@Test
	void theExecutorsTaskDecoratorFieldsAreReadable() {
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(ThreadPoolTaskExecutor.class, "taskDecorator"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(SimpleAsyncTaskExecutor.class, "taskDecorator"))
			.accepts(this.hints);
	}

	@Test
	void bootsRestClientBuildersCanBeTracingProxies() {
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(RestClient.Builder.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RestClient.Builder.class, "requestFactory"))
			.accepts(this.hints);
	}

	@Test
	void theRabbitMqClientsCollectorFieldIsReadable() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(com.rabbitmq.client.ConnectionFactory.class, "observationCollector")).accepts(this.hints);
	}

	@Test
	void lettucesArgumentFieldsAreReadable() throws ClassNotFoundException {
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(CommandArgs.class, "singularArguments"))
			.accepts(this.hints);
		for (String[] field : new String[][] { { "KeyArgument", "key" }, { "KeyArgument", "codec" },
				{ "ProtocolKeywordArgument", "protocolKeyword" }, { "IntegerArgument", "val" } }) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onFieldAccess(CommandArgs.class.getName() + "$" + field[0], field[1])).accepts(this.hints);
		}
	}

	@Test
	void theClientConfigurationOfSpringDataRedisJedisConnectionFactoryIsReadable() {
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(JedisConnectionFactory.class, "clientConfig"))
			.accepts(this.hints);
		// Spring Data Redis 4.1 and later (Spring Boot 4.0's 4.0 has no RedisClient
		// switch).
		if (ReflectionUtils.findMethod(JedisConnectionFactory.class, "isUseUnifiedJedis") != null) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onMethodInvocation(JedisConnectionFactory.class, "isUseUnifiedJedis")).accepts(this.hints);
		}
	}

	@Test
	void springDataRedisWithoutJedisGetsNoJedisHintsAndNoFailure() {
		// Spring Data Redis on Lettuce: JedisConnectionFactory's class is there, Jedis is
		// not.
		RuntimeHints hints = registered(new FilteredClassLoader("redis.clients.jedis"));
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(JedisConnectionFactory.class, "clientConfig"))
			.rejects(hints);
	}

	private static RuntimeHints registered() {
		return registered(RuntimeHintsTests.class.getClassLoader());
	}

	private static RuntimeHints registered(ClassLoader classLoader) {
		RuntimeHints hints = new RuntimeHints();
		AotServices.factories(classLoader)
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, classLoader));
		return hints;
	}

}
