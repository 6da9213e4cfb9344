package io.github.distrace.autoconfigure.redis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.github.distrace.autoconfigure.jdbc.RequiresDatabase;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At head ratio 0, a request whose loop of Redis {@code GET}s is an N+1 is kept whole by
 * the N+1 keep rule, and a request without one is not.
 */
@RequiresDatabase(name = "Redis", port = 6379)
class RedisNPlusOneKeepRuleTests {

	private static OtlpReceiver receiver;

	private static ConfigurableApplicationContext context;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void start() throws Exception {
		receiver = OtlpReceiver.http();
		context = RedisTracingIntegrationTests.start(receiver, 6379, "--distrace.sampler.type=parentbased_traceidratio",
				"--distrace.sampler.ratio=0.0");
	}

	@AfterAll
	static void stop() throws Exception {
		try {
			context.close();
		}
		finally {
			receiver.close();
		}
	}

	@Test
	void aRequestWithARedisNPlusOneIsKeptWholeAtRatioZero() throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> plain = this.client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/strings")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).isEqualTo(200);
		List<ReceivedSpan> trace = RedisTracingIntegrationTests.request(this.client, receiver, port, "/loop", 200);
		ReceivedSpan server = RedisTracingIntegrationTests.server(trace);
		assertThat(server.attribute("distrace.sampling.kept")).isEqualTo("n_plus_one");
		assertThat(server.attribute("distrace.db.n_plus_one")).isEqualTo("true");
		assertThat(RedisTracingIntegrationTests.redisSpans(trace)).hasSize(RedisTracingIntegrationTests.LOOP)
			.allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(server.spanId()));
		// The plain request ended first: had it been kept, it would have been exported
		// first.
		assertThat(receiver.spans()).extracting(ReceivedSpan::name).doesNotContain("GET /strings", "SET", "DEL");
	}

}
