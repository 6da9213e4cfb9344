package io.github.distrace.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The redis profile's cache in front of the stock lookup, against the real Redis at
 * 127.0.0.1:6379 (skipped when it does not answer, required with {@code CI=true}): a miss
 * is a {@code GET} and a {@code SET} below the stock request, a hit a {@code GET} alone.
 */
@ActiveProfiles("redis")
class StockCacheTests extends ExportingSampleTests {

	@Autowired
	private StringRedisTemplate redis;

	@BeforeAll
	static void requireRedis() {
		if (!"true".equals(System.getenv("CI"))) {
			assumeTrue(redisAnswers(), "Redis at 127.0.0.1:6379 is not reachable; start it to run these tests");
		}
	}

	@Test
	void aMissIsAGetAndASetAndAHitAGetAlone() {
		this.redis.delete("stock:3");
		List<ReceivedSpan> miss = trace(client().get().uri("/stock/3").retrieve().toEntity(String.class));
		assertThat(redisSpans(miss)).extracting((span) -> span.attribute("db.query.text"))
			.containsExactly("GET stock:3", "SET stock:3 ? ? ?");
		List<ReceivedSpan> hit = trace(client().get().uri("/stock/3").retrieve().toEntity(String.class));
		assertThat(redisSpans(hit)).extracting((span) -> span.attribute("db.query.text"))
			.containsExactly("GET stock:3");
		ReceivedSpan server = hit.stream().filter((span) -> span.kind().equals("SERVER")).findFirst().orElseThrow();
		assertThat(redisSpans(hit)).allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(server.spanId()));
		assertThat(server.attribute("distrace.db.query_count")).isEqualTo("1");
	}

	private static List<ReceivedSpan> trace(ResponseEntity<String> response) {
		assertThat(response.getBody()).startsWith("stock of 3 ");
		String traceId = response.getHeaders().getFirst("traceresponse").split("-")[1];
		receiver.awaitSpan((span) -> span.traceId().equals(traceId) && span.kind().equals("SERVER"));
		return receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private static List<ReceivedSpan> redisSpans(List<ReceivedSpan> trace) {
		return trace.stream().filter((span) -> "redis".equals(span.attribute("db.system.name"))).toList();
	}

	private static boolean redisAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
