package io.github.distrace.autoconfigure.redis;

import java.io.Serializable;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import io.github.distrace.autoconfigure.jdbc.RequiresDatabase;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis commands through Spring Data Redis on Lettuce against the real Redis, in a real
 * Spring MVC application, as a real OTLP receiver gets the trace: one span per command
 * below the request's server span, keys shown, values nowhere, and the commands counted
 * in the request's totals.
 */
@RequiresDatabase(name = "Redis", port = 6379)
@ExtendWith(OutputCaptureExtension.class)
class RedisTracingIntegrationTests {

	// Long and odd enough that it cannot turn up by chance in an id, a port or a
	// duration.
	static final String SECRET = "tr0ub4dor-918273645";

	static final String DATABASE = "1";

	// Above distrace.jdbc.n-plus-one.threshold (5).
	static final int LOOP = 6;

	// Its middle part always holds a digit, so that its pattern is always distrace:?: .
	static final String PREFIX = "distrace:7" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ":";

	static final String PREFIX_PATTERN = "distrace:?:";

	private static OtlpReceiver receiver;

	private static ConfigurableApplicationContext context;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void start() throws Exception {
		// What spring.reactor.context-propagation=auto does where Spring Boot's Reactor
		// auto-configuration is present; undone after these tests, as the JVM is shared.
		Hooks.enableAutomaticContextPropagation();
		receiver = OtlpReceiver.http();
		context = start(receiver, 6379);
	}

	@AfterAll
	static void stop() throws Exception {
		Hooks.disableAutomaticContextPropagation();
		close(context, receiver);
	}

	/**
	 * Delete the keys the tests wrote, then close the application and the receiver.
	 * @param context the application
	 * @param receiver its receiver
	 * @throws Exception if the receiver cannot be closed
	 */
	static void close(ConfigurableApplicationContext context, OtlpReceiver receiver) throws Exception {
		try (receiver; context) {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			redis.delete(redis.keys(PREFIX + "*"));
		}
	}

	static ConfigurableApplicationContext start(OtlpReceiver receiver, int redisPort, String... properties) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
				"--spring.data.redis.database=" + DATABASE, "--spring.data.redis.timeout=1s", "--test.prefix=" + PREFIX,
				"--distrace.otlp.endpoint=" + receiver.endpoint(), "--distrace.batch.schedule-delay=50ms",
				"--distrace.web.server-timing=true", "--distrace.ui.enabled=true",
				// Lettuce's one shared connection, as without commons-pool2 (which Jedis
				// brings to the test class path): a pooled connection that a timed-out
				// BLPOP still blocks on the server would time out the next test's
				// commands.
				"--spring.data.redis.lettuce.pool.enabled=false"));
		arguments.addAll(List.of(properties));
		return new SpringApplication(RedisApplication.class).run(arguments.toArray(String[]::new));
	}

	@Test
	void stringRedisTemplateCommandsAreClientSpansWithKeysAndWithoutValues() throws Exception {
		assertStringCommands(request("/strings"));
	}

	static void assertStringCommands(List<ReceivedSpan> trace) {
		ReceivedSpan server = server(trace);
		ReceivedSpan set = span(trace, "SET");
		assertThat(set.kind()).isEqualTo("CLIENT");
		assertThat(set.parentSpanId()).isEqualTo(server.spanId());
		assertThat(set.statusCode()).isEqualTo("UNSET");
		assertThat(set.attributes())
			.containsExactlyInAnyOrderEntriesOf(Map.of("db.system.name", "redis", "db.operation.name", "SET",
					"db.namespace", DATABASE, "db.query.text", "SET " + PREFIX + "name ?", "distrace.db.query_pattern",
					"SET " + PREFIX_PATTERN + "name ?", "server.address", "127.0.0.1", "server.port", "6379"));
		assertThat(span(trace, "GET").attribute("db.query.text")).isEqualTo("GET " + PREFIX + "name");
		assertThat(span(trace, "DEL").attribute("db.query.text")).isEqualTo("DEL " + PREFIX + "name");
	}

	@Test
	void redisTemplateWithSerializedObjectsShowsNoValue() throws Exception {
		List<ReceivedSpan> trace = request("/objects");
		assertThat(names(trace)).containsSubsequence("SET", "GET");
		// The JDK serializer turns keys into bytes too: shown as text, without the value.
		assertThat(span(trace, "SET").attribute("db.query.text")).startsWith("SET ").endsWith(" ?");
	}

	@Test
	void hashesAndListsShowKeysOnly() throws Exception {
		List<ReceivedSpan> trace = request("/collections");
		assertThat(span(trace, "HSET").attribute("db.query.text")).isEqualTo("HSET " + PREFIX + "user ? ?");
		assertThat(span(trace, "HGETALL").attribute("db.query.text")).isEqualTo("HGETALL " + PREFIX + "user");
		assertThat(span(trace, "RPUSH").attribute("db.query.text")).isEqualTo("RPUSH " + PREFIX + "list ? ?");
		assertThat(span(trace, "LRANGE").attribute("db.query.text")).isEqualTo("LRANGE " + PREFIX + "list ? ?");
	}

	@Test
	void aPipelineHasASpanPerCommand() throws Exception {
		List<ReceivedSpan> trace = request("/pipeline");
		ReceivedSpan server = server(trace);
		assertThat(redisSpans(trace)).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("SET", "GET", "GET");
		assertThat(redisSpans(trace)).allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(server.spanId()));
	}

	@Test
	void aTransactionHasASpanPerCommandBetweenMultiAndExec() throws Exception {
		List<ReceivedSpan> trace = request("/transaction");
		assertThat(redisSpans(trace)).extracting(ReceivedSpan::name)
			.containsExactlyInAnyOrder("MULTI", "SET", "INCR", "EXEC");
		assertThat(span(trace, "SET").attribute("db.query.text")).isEqualTo("SET " + PREFIX + "tx ?");
	}

	@Test
	void aLuaScriptShowsItsKeysButNeitherItsBodyNorItsArguments() throws Exception {
		List<ReceivedSpan> trace = request("/script");
		ReceivedSpan script = redisSpans(trace).stream()
			.filter((span) -> span.name().startsWith("EVAL"))
			.findFirst()
			.orElseThrow();
		assertThat(script.attribute("db.query.text")).isEqualTo(script.name() + " ? 1 " + PREFIX + "script ?");
	}

	@Test
	void theRequestsDatabaseTotalsIncludeItsRedisCommands() throws Exception {
		List<ReceivedSpan> trace = request("/strings");
		ReceivedSpan server = server(trace);
		assertThat(redisSpans(trace)).hasSize(3);
		assertThat(server.attribute("distrace.db.query_count")).isEqualTo("3");
		assertThat(Double.parseDouble(server.attribute("distrace.db.duration_ms"))).isPositive();
	}

	@Test
	void reactiveCommandsSubscribedInTheRequestNestUnderIt() throws Exception {
		List<ReceivedSpan> trace = requestWithSetAndGetBelowTheServerSpan("/reactive");
		assertThat(span(trace, "GET").attribute("db.query.text")).isEqualTo("GET " + PREFIX + "reactive");
	}

	@Test
	void reactiveCommandsChainedOnLettucesThreadNestUnderTheRequest() throws Exception {
		requestWithSetAndGetBelowTheServerSpan("/reactive/chained");
	}

	private List<ReceivedSpan> requestWithSetAndGetBelowTheServerSpan(String path) throws Exception {
		List<ReceivedSpan> trace = request(path);
		ReceivedSpan server = server(trace);
		assertThat(redisSpans(trace)).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("SET", "GET");
		assertThat(redisSpans(trace)).allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(server.spanId()));
		return trace;
	}

	@Test
	void theSameCommandRepeatedUnderOneSpanIsAnNPlusOne() throws Exception {
		List<ReceivedSpan> trace = request("/repeat");
		ReceivedSpan server = server(trace);
		assertThat(redisSpans(trace)).hasSize(5);
		assertThat(server.attribute("distrace.db.n_plus_one")).isEqualTo("true");
		assertThat(server.eventAttributes("distrace.n_plus_one")).containsEntry("db.query.text",
				"GET " + PREFIX_PATTERN + "repeated");
	}

	@Test
	void aLoopOfGetsOverDifferentKeysIsAnNPlusOneWithAHintToBatch(CapturedOutput output) throws Exception {
		assertLoopIsAnNPlusOne(request("/loop"), output);
	}

	static void assertLoopIsAnNPlusOne(List<ReceivedSpan> trace, CapturedOutput output) {
		ReceivedSpan server = server(trace);
		assertThat(redisSpans(trace)).hasSize(LOOP).allSatisfy((span) -> {
			assertThat(span.attribute("db.query.text")).startsWith("GET " + PREFIX + "user:");
			assertThat(span.attribute("distrace.db.query_pattern")).isEqualTo("GET " + PREFIX_PATTERN + "user:?");
			assertThat(span.attributes()).doesNotContainKey("distrace.db.pipelined");
		});
		assertThat(server.attribute("distrace.db.n_plus_one")).isEqualTo("true");
		assertThat(server.eventAttributes("distrace.n_plus_one"))
			.containsEntry("db.query.text", "GET " + PREFIX_PATTERN + "user:?")
			.containsEntry("distrace.db.query_count", String.valueOf(LOOP));
		assertThat(output.getOut())
			.contains("N+1 in GET /loop: " + LOOP + " executions of [GET " + PREFIX_PATTERN + "user:?]")
			.contains("Send them in one command (MGET");
	}

	@Test
	void aReactiveLoopOfGetsOneAfterTheOtherIsAnNPlusOne() throws Exception {
		List<ReceivedSpan> trace = request("/loop/reactive");
		assertThat(redisSpans(trace)).hasSize(LOOP);
		assertThat(server(trace).attribute("distrace.db.n_plus_one")).isEqualTo("true");
	}

	@Test
	void aPipelineOfTheSameGetsIsNoNPlusOne() throws Exception {
		assertNoNPlusOne(request("/loop/pipelined"));
	}

	@Test
	void theCommandsOfATransactionAreNoNPlusOne() throws Exception {
		List<ReceivedSpan> trace = request("/loop/transaction");
		assertThat(redisSpans(trace)).extracting(ReceivedSpan::name).contains("MULTI", "EXEC");
		assertNoNPlusOne(trace);
	}

	private static void assertNoNPlusOne(List<ReceivedSpan> trace) {
		ReceivedSpan server = server(trace);
		List<ReceivedSpan> gets = redisSpans(trace).stream().filter((span) -> span.name().equals("GET")).toList();
		assertThat(gets).hasSize(LOOP);
		// Each sent while another awaited its reply: at worst the last one alone, if the
		// others completed before it was written.
		assertThat(gets).filteredOn((span) -> "true".equals(span.attribute("distrace.db.pipelined")))
			.hasSizeGreaterThanOrEqualTo(LOOP - 1);
		assertThat(server.attributes()).doesNotContainKey("distrace.db.n_plus_one");
		assertThat(server.events()).isEmpty();
		assertThat(server.attribute("distrace.db.query_count")).isEqualTo(String.valueOf(redisSpans(trace).size()));
	}

	@Test
	void serverTimingHasAnEntryOfItsOwnForRedis() throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/loop/pipelined")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.headers().firstValue("Server-Timing").orElseThrow())
			.matches("db;dur=0\\.0;desc=\"0 queries\", redis;dur=\\d+\\.\\d;desc=\"" + LOOP
					+ " commands\", app;dur=\\d+\\.\\d");
	}

	@Test
	void theQueriesViewGroupsCommandsByTheirPattern() throws Exception {
		request("/loop/pipelined");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		String json = this.client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/distrace/api/queries")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		List<Map<String, Object>> gets = JsonPath.read(json, "$.queries[?(@.summary == 'GET')]");
		assertThat(gets).extracting((row) -> row.get("text"))
			.doesNotHaveDuplicates()
			.contains("GET " + PREFIX_PATTERN + "user:?")
			.noneMatch((text) -> ((String) text).contains(PREFIX + "user:"));
		Map<String, Object> users = gets.stream()
			.filter((row) -> row.get("text").equals("GET " + PREFIX_PATTERN + "user:?"))
			.findFirst()
			.orElseThrow();
		assertThat((int) users.get("count")).isGreaterThanOrEqualTo(LOOP);
		assertThat(users.get("endpoints")).asInstanceOf(InstanceOfAssertFactories.LIST).contains("GET /loop/pipelined");
	}

	@Test
	void aCommandThatTimesOutIsAnErrorWithTheExceptionsType() throws Exception {
		List<ReceivedSpan> trace = request("/slow", 500);
		ReceivedSpan blpop = span(trace, "BLPOP");
		assertThat(blpop.statusCode()).isEqualTo("ERROR");
		// Lettuce cancels a command its synchronous API stopped waiting for.
		assertThat(blpop.attribute("error.type")).isEqualTo(CancellationException.class.getName());
		assertThat(blpop.attribute("db.query.text")).isEqualTo("BLPOP " + PREFIX + "empty ?");
		assertThat(server(trace).statusCode()).isEqualTo("ERROR");
	}

	@Test
	void anErrorReplyMakesTheSpanAnErrorWithTheReplysKindOnly() throws Exception {
		assertErrorReplyKindOnly(request("/wrongtype", 500));
	}

	static void assertErrorReplyKindOnly(List<ReceivedSpan> trace) {
		ReceivedSpan hget = span(trace, "HGET");
		assertThat(hget.statusCode()).isEqualTo("ERROR");
		assertThat(hget.statusMessage()).isEmpty();
		assertThat(hget.attribute("error.type")).isEqualTo("WRONGTYPE");
		assertThat(hget.events()).isEmpty();
	}

	@Test
	void withRedisDownTheRequestFailsAsItWouldUntracedAndNoCommandSpanIsMade() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (OtlpReceiver downReceiver = OtlpReceiver.http();
				ConfigurableApplicationContext down = start(downReceiver, closedPort)) {
			int port = ((WebServerApplicationContext) down).getWebServer().getPort();
			List<ReceivedSpan> trace = request(this.client, downReceiver, port, "/down", 500);
			ReceivedSpan server = server(trace);
			assertThat(server.statusCode()).isEqualTo("ERROR");
			assertThat(server.attribute("error.type")).isNotEmpty();
			assertThat(redisSpans(trace)).isEmpty();
			assertThat(server.attribute("distrace.db.query_count")).isEqualTo("0");
		}
	}

	private List<ReceivedSpan> request(String path) throws Exception {
		return request(path, 200);
	}

	private List<ReceivedSpan> request(String path, int status) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return request(this.client, receiver, port, path, status);
	}

	static List<ReceivedSpan> request(HttpClient client, OtlpReceiver receiver, int port, String path, int status)
			throws Exception {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(status);
		String traceId = response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
		receiver.awaitSpan((span) -> span.traceId().equals(traceId) && span.kind().equals("SERVER"));
		// The server span ends last: every other span of the request was exported before
		// it.
		List<ReceivedSpan> trace = receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList();
		assertThat(receiver.spans()).allSatisfy((span) -> assertThat(span.toString()).doesNotContain(SECRET));
		// Lettuce's own handshake (HELLO, SELECT, CLIENT SETINFO) runs outside any
		// request: no trace of its own.
		assertThat(redisSpans(receiver.spans())).allSatisfy((span) -> assertThat(span.parentSpanId()).isNotEmpty());
		return trace;
	}

	static ReceivedSpan server(List<ReceivedSpan> trace) {
		return trace.stream().filter((span) -> span.kind().equals("SERVER")).findFirst().orElseThrow();
	}

	static List<ReceivedSpan> redisSpans(List<ReceivedSpan> trace) {
		return trace.stream().filter((span) -> "redis".equals(span.attribute("db.system.name"))).toList();
	}

	static ReceivedSpan span(List<ReceivedSpan> trace, String name) {
		return trace.stream()
			.filter((span) -> span.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span " + name + " in " + trace));
	}

	private static List<String> names(List<ReceivedSpan> trace) {
		return trace.stream().map(ReceivedSpan::name).toList();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ RedisController.class, RedisCommandsController.class })
	static class RedisApplication {

		// Lettuce writes each command of a pipeline as it is issued, by default: on a
		// busy
		// machine a reply can come back before the next command is written, and then the
		// commands did not share a round trip and are rightly not marked. Held until the
		// pipeline closes, they are always in flight together, as the tests of pipelines
		// expect.
		@Bean
		static BeanPostProcessor pipelinesFlushedOnClose() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof LettuceConnectionFactory factory) {
						factory.setPipeliningFlushPolicy(LettuceConnection.PipeliningFlushPolicy.flushOnClose());
					}
					return bean;
				}

			};
		}

	}

	/**
	 * A profile stored through the JDK serializer of a plain {@link RedisTemplate}.
	 *
	 * @param password a value that must never be recorded
	 */
	record Profile(String password) implements Serializable {

	}

	@RestController
	static class RedisController {

		private final StringRedisTemplate strings;

		private final RedisTemplate<Object, Object> objects;

		private final ReactiveStringRedisTemplate reactive;

		private final String prefix;

		RedisController(StringRedisTemplate strings, RedisTemplate<Object, Object> objects,
				ReactiveStringRedisTemplate reactive, org.springframework.core.env.Environment environment) {
			this.strings = strings;
			this.reactive = reactive;
			this.objects = objects;
			this.prefix = environment.getProperty("test.prefix", "distrace:");
		}

		@GetMapping("/objects")
		String objects() {
			this.objects.opsForValue().set(this.prefix + "profile", new Profile(SECRET));
			return (this.objects.opsForValue().get(this.prefix + "profile") != null) ? "found" : "missing";
		}

		@GetMapping("/collections")
		String collections() {
			this.strings.opsForHash().put(this.prefix + "user", "password", SECRET);
			this.strings.opsForHash().entries(this.prefix + "user");
			this.strings.opsForList().rightPushAll(this.prefix + "list", SECRET, SECRET + "2");
			this.strings.opsForList().range(this.prefix + "list", 0, -1);
			return "ok";
		}

		@GetMapping("/pipeline")
		String pipeline() {
			List<Object> results = this.strings.executePipelined(new SessionCallback<Object>() {
				@Override
				@SuppressWarnings("unchecked")
				public <K, V> Object execute(RedisOperations<K, V> operations) throws DataAccessException {
					RedisOperations<String, String> redis = (RedisOperations<String, String>) operations;
					redis.opsForValue().set(RedisController.this.prefix + "piped", SECRET);
					redis.opsForValue().get(RedisController.this.prefix + "piped");
					redis.opsForValue().get(RedisController.this.prefix + "piped");
					return null;
				}
			});
			return String.valueOf(results.size());
		}

		@GetMapping("/transaction")
		String transaction() {
			List<Object> results = this.strings.execute(new SessionCallback<List<Object>>() {
				@Override
				@SuppressWarnings("unchecked")
				public <K, V> List<Object> execute(RedisOperations<K, V> operations) throws DataAccessException {
					RedisOperations<String, String> redis = (RedisOperations<String, String>) operations;
					redis.multi();
					redis.opsForValue().set(RedisController.this.prefix + "tx", SECRET);
					redis.opsForValue().increment(RedisController.this.prefix + "counter");
					return redis.exec();
				}
			});
			return String.valueOf(results.size());
		}

		@GetMapping("/script")
		String script() {
			RedisScript<String> script = RedisScript.of("return redis.call('SET', KEYS[1], ARGV[1])", String.class);
			return this.strings.execute(script, List.of(this.prefix + "script"), SECRET);
		}

		@GetMapping("/reactive")
		String reactive() {
			String key = this.prefix + "reactive";
			// Both commands are subscribed here, on the request's thread (see
			// docs/redis.md).
			return Mono.zip(this.reactive.opsForValue().set(key, SECRET), this.reactive.opsForValue().get(key))
				.map((results) -> results.getT1() + "")
				.block();
		}

		@GetMapping("/slow")
		String slow() {
			// Blocks on the server far longer than the client's 1 s command timeout.
			return this.strings.opsForList().leftPop(this.prefix + "empty", Duration.ofSeconds(30));
		}

		@GetMapping("/repeat")
		String repeat() {
			for (int i = 0; i < 5; i++) {
				this.strings.opsForValue().get(this.prefix + "repeated");
			}
			return "ok";
		}

		@GetMapping("/loop/reactive")
		String loopReactive() {
			// Each GET subscribed on Lettuce's thread once the one before has completed.
			return String.valueOf(Flux.range(1, LOOP)
				.concatMap((i) -> this.reactive.opsForValue().get(this.prefix + "user:" + i).defaultIfEmpty(""))
				.count()
				.block());
		}

		@GetMapping("/reactive/chained")
		String reactiveChained() {
			String key = this.prefix + "chained";
			// The GET is subscribed on Lettuce's thread, once the SET has completed.
			return this.reactive.opsForValue().set(key, SECRET).then(this.reactive.opsForValue().get(key)).block();
		}

		@GetMapping("/down")
		String down(@RequestParam(defaultValue = "key") String key) {
			return String.valueOf(this.strings.opsForValue().get(this.prefix + key));
		}

	}

}
