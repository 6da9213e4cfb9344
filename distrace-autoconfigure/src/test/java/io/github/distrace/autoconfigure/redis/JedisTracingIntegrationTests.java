package io.github.distrace.autoconfigure.redis;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.distrace.Traced;
import io.github.distrace.autoconfigure.jdbc.RequiresDatabase;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static io.github.distrace.autoconfigure.redis.RedisTracingIntegrationTests.LOOP;
import static io.github.distrace.autoconfigure.redis.RedisTracingIntegrationTests.PREFIX;
import static io.github.distrace.autoconfigure.redis.RedisTracingIntegrationTests.PREFIX_PATTERN;
import static io.github.distrace.autoconfigure.redis.RedisTracingIntegrationTests.SECRET;
import static io.github.distrace.autoconfigure.redis.RedisTracingIntegrationTests.redisSpans;
import static io.github.distrace.autoconfigure.redis.RedisTracingIntegrationTests.server;
import static io.github.distrace.autoconfigure.redis.RedisTracingIntegrationTests.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis commands through Spring Data Redis on Jedis
 * ({@code spring.data.redis.client-type=jedis}) against the real Redis, in a real Spring
 * MVC application, as a real OTLP receiver gets the trace: the same spans as on Lettuce.
 * Every request also checks that no span anywhere holds a value and that the pool's own
 * commands (its handshake, its validation) make no trace of their own.
 */
@RequiresDatabase(name = "Redis", port = 6379)
@ExtendWith(OutputCaptureExtension.class)
class JedisTracingIntegrationTests {

	private final HttpClient client = HttpClient.newHttpClient();

	private static OtlpReceiver receiver;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() throws Exception {
		receiver = OtlpReceiver.http();
		context = start(receiver);
	}

	@AfterAll
	static void stop() throws Exception {
		RedisTracingIntegrationTests.close(context, receiver);
	}

	static ConfigurableApplicationContext start(OtlpReceiver receiver, String... properties) {
		return start(JedisApplication.class, receiver, properties);
	}

	static ConfigurableApplicationContext start(Class<?> application, OtlpReceiver receiver, String... properties) {
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=0", "--spring.main.banner-mode=off", "--spring.data.redis.client-type=jedis",
						"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379",
						"--spring.data.redis.database=" + RedisTracingIntegrationTests.DATABASE,
						"--spring.data.redis.timeout=1s", "--test.prefix=" + PREFIX,
						"--distrace.otlp.endpoint=" + receiver.endpoint(), "--distrace.batch.schedule-delay=50ms",
						"--distrace.web.server-timing=true", "--distrace.startup.enabled=false"));
		arguments.addAll(List.of(properties));
		return new SpringApplication(application).run(arguments.toArray(String[]::new));
	}

	@Test
	void theConnectionFactoryIsSpringBootsOwnWithTracedConnections() {
		assertThat(context.getBean(RedisConnectionFactory.class)).isInstanceOf(JedisTracingConnectionFactory.class);
	}

	@Test
	void commandsAreClientSpansBelowTheRequestWithKeysAndWithoutValues() throws Exception {
		List<ReceivedSpan> trace = request("/strings");
		RedisTracingIntegrationTests.assertStringCommands(trace);
		assertThat(server(trace).attribute("distrace.db.query_count")).isEqualTo("3");
	}

	@Test
	void optionsAreKeywordsAndHashesShowTheirKeysOnly() throws Exception {
		assertThat(redisSpans(request("/options"))).extracting((span) -> span.attribute("db.query.text"))
			.containsExactly("SET " + PREFIX + "expiring ? EX ?", "HSET " + PREFIX + "user ? ?",
					"HGETALL " + PREFIX + "user");
	}

	@Test
	void commandsOfATracedMethodAreItsChildren() throws Exception {
		List<ReceivedSpan> trace = request("/traced");
		ReceivedSpan method = span(trace, "CartService.load");
		assertThat(redisSpans(trace)).hasSize(2)
			.allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(method.spanId()));
	}

	@Test
	void aLoopOfGetsOverDifferentKeysIsAnNPlusOne(CapturedOutput output) throws Exception {
		RedisTracingIntegrationTests.assertLoopIsAnNPlusOne(request("/loop"), output);
	}

	@Test
	void oneMgetIsNoNPlusOne() throws Exception {
		List<ReceivedSpan> trace = request("/mget");
		assertThat(redisSpans(trace)).singleElement()
			.satisfies((span) -> assertThat(span.attribute("db.query.text")).startsWith("MGET " + PREFIX + "user:1 "));
		assertThat(server(trace).attributes()).doesNotContainKey("distrace.db.n_plus_one");
	}

	@Test
	void aPipelineOfGetsIsPipelinedAndNoNPlusOne() throws Exception {
		List<ReceivedSpan> trace = request("/loop/pipelined");
		List<ReceivedSpan> gets = spans(trace, "GET");
		assertThat(gets).hasSize(LOOP)
			.allSatisfy((span) -> assertThat(span.attribute("distrace.db.pipelined")).isEqualTo("true"));
		assertNoNPlusOne(trace);
	}

	@Test
	void theCommandsOfATransactionArePipelinedAndNoNPlusOne() throws Exception {
		List<ReceivedSpan> trace = request("/loop/transaction");
		assertThat(span(trace, "MULTI").attribute("distrace.db.pipelined")).isEqualTo("true");
		assertThat(spans(trace, "GET")).hasSize(LOOP)
			.allSatisfy((span) -> assertThat(span.attribute("distrace.db.pipelined")).isEqualTo("true"));
		// Sent once the queued commands' replies were read.
		assertThat(span(trace, "EXEC").attributes()).doesNotContainKey("distrace.db.pipelined");
		assertNoNPlusOne(trace);
	}

	private static void assertNoNPlusOne(List<ReceivedSpan> trace) {
		ReceivedSpan server = server(trace);
		assertThat(server.attributes()).doesNotContainKey("distrace.db.n_plus_one");
		assertThat(server.events()).isEmpty();
		assertThat(server.attribute("distrace.db.query_count")).isEqualTo(String.valueOf(redisSpans(trace).size()));
	}

	@Test
	void anErrorReplyMakesTheSpanAnErrorWithTheReplysKindOnly() throws Exception {
		List<ReceivedSpan> trace = request("/wrongtype", 500);
		RedisTracingIntegrationTests.assertErrorReplyKindOnly(trace);
		// The connection goes on: the command before has its own reply.
		assertThat(span(trace, "SET").statusCode()).isEqualTo("UNSET");
	}

	@Test
	void concurrentRequestsHoldOnlyTheirOwnCommands() throws Exception {
		int requests = 24;
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<ReceivedSpan>>> traces = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				String path = "/own/" + i;
				traces.add(executor.submit(() -> request(path)));
			}
			for (int i = 0; i < requests; i++) {
				List<ReceivedSpan> trace = traces.get(i).get();
				ReceivedSpan server = server(trace);
				String key = PREFIX + "own:" + i;
				assertThat(redisSpans(trace)).extracting((span) -> span.attribute("db.query.text"))
					.containsExactly("SET " + key + " ?", "GET " + key, "GET " + key);
				assertThat(redisSpans(trace))
					.allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(server.spanId()))
					.allSatisfy((span) -> assertThat(span.attributes()).doesNotContainKey("distrace.db.pipelined"));
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void withoutAPoolConnectionsAreTracedToo() throws Exception {
		assertCommandSpansIn(JedisApplication.class, "--spring.data.redis.jedis.pool.enabled=false");
	}

	@Test
	void theApplicationsOwnFactoryOnAJedisPoolIsTracedToo() throws Exception {
		// Spring Data Redis before 4.1 (Spring Boot 4.0) always pools Jedis instances so.
		assertCommandSpansIn(JedisPoolApplication.class);
	}

	@Test
	void commandsOfASampledOutRequestCostNoSpanAndTheConnectionsGoOn() throws Exception {
		try (OtlpReceiver otherReceiver = OtlpReceiver.http();
				ConfigurableApplicationContext other = start(JedisApplication.class, otherReceiver,
						"--distrace.sampler.type=parentbased_always_off", "--distrace.sampler.keep.errors=false",
						"--distrace.sampler.keep.n-plus-one=false")) {
			int port = ((WebServerApplicationContext) other).getWebServer().getPort();
			for (String path : List.of("/loop/pipelined", "/loop/transaction", "/strings", "/strings")) {
				HttpResponse<String> response = this.client.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(200);
			}
			assertThat(this.client
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/strings")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body()).isEqualTo("found");
			other.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
			assertThat(redisSpans(otherReceiver.spans())).isEmpty();
		}
	}

	private void assertCommandSpansIn(Class<?> application, String... properties) throws Exception {
		try (OtlpReceiver otherReceiver = OtlpReceiver.http();
				ConfigurableApplicationContext other = start(application, otherReceiver, properties)) {
			assertThat(other.getBean(RedisConnectionFactory.class)).isInstanceOf(JedisTracingConnectionFactory.class);
			int port = ((WebServerApplicationContext) other).getWebServer().getPort();
			List<ReceivedSpan> trace = RedisTracingIntegrationTests.request(this.client, otherReceiver, port,
					"/strings", 200);
			// Spring Data Redis 4.0 (Spring Boot 4.0) selects the database itself on each
			// connection it does not pool: a round trip of the request's, traced; 4.1 has
			// Jedis select it in the connection's handshake, which is not.
			assertThat(redisSpans(trace)).extracting(ReceivedSpan::name)
				.filteredOn((name) -> !name.equals("SELECT"))
				.containsExactly("SET", "GET", "DEL");
			assertThat(span(trace, "SET").attribute("db.query.text")).isEqualTo("SET " + PREFIX + "name ?");
			trace = RedisTracingIntegrationTests.request(this.client, otherReceiver, port, "/loop/transaction", 200);
			assertThat(spans(trace, "GET")).hasSize(LOOP)
				.allSatisfy((span) -> assertThat(span.attribute("distrace.db.pipelined")).isEqualTo("true"));
		}
	}

	private List<ReceivedSpan> request(String path) throws Exception {
		return request(path, 200);
	}

	private List<ReceivedSpan> request(String path, int status) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		// In the order the spans ended.
		return RedisTracingIntegrationTests.request(this.client, receiver, port, path, status);
	}

	private static List<ReceivedSpan> spans(List<ReceivedSpan> trace, String name) {
		return trace.stream().filter((span) -> span.name().equals(name)).toList();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ JedisController.class, RedisCommandsController.class, CartService.class })
	static class JedisApplication {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ JedisController.class, RedisCommandsController.class, CartService.class })
	static class JedisPoolApplication {

		@Bean
		JedisConnectionFactory redisConnectionFactory() {
			JedisConnectionFactory factory = new JedisConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", 6379), JedisClientConfiguration.builder().build());
			Method unified = ReflectionUtils.findMethod(JedisConnectionFactory.class, "setUseUnifiedJedis",
					boolean.class);
			if (unified != null) {
				ReflectionUtils.invokeMethod(unified, factory, false);
			}
			return factory;
		}

	}

	@Component
	static class CartService {

		private final StringRedisTemplate redis;

		CartService(StringRedisTemplate redis) {
			this.redis = redis;
		}

		@Traced
		public String load(String prefix) {
			this.redis.opsForValue().set(prefix + "cart", SECRET);
			return this.redis.opsForValue().get(prefix + "cart");
		}

	}

	@RestController
	static class JedisController {

		private final StringRedisTemplate strings;

		private final CartService carts;

		private final String prefix;

		JedisController(StringRedisTemplate strings, CartService carts, Environment environment) {
			this.strings = strings;
			this.carts = carts;
			this.prefix = environment.getProperty("test.prefix", "distrace:");
		}

		@GetMapping("/options")
		String options() {
			this.strings.opsForValue().set(this.prefix + "expiring", SECRET, Duration.ofMinutes(1));
			this.strings.opsForHash().put(this.prefix + "user", "password", SECRET);
			return String.valueOf(this.strings.opsForHash().entries(this.prefix + "user").size());
		}

		@GetMapping("/traced")
		String traced() {
			return String.valueOf(this.carts.load(this.prefix) != null);
		}

		@GetMapping("/mget")
		String mget() {
			List<String> keys = new ArrayList<>();
			for (int i = 1; i <= LOOP; i++) {
				keys.add(this.prefix + "user:" + i);
			}
			return String.valueOf(this.strings.opsForValue().multiGet(keys));
		}

		@GetMapping("/own/{id}")
		String own(@PathVariable int id) {
			String key = this.prefix + "own:" + id;
			this.strings.opsForValue().set(key, SECRET);
			this.strings.opsForValue().get(key);
			return String.valueOf(this.strings.opsForValue().get(key));
		}

	}

}
