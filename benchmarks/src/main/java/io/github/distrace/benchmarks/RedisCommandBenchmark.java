package io.github.distrace.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;

/**
 * One {@code GET} against the Redis at 127.0.0.1:6379, on a connection held open, through
 * Lettuce's synchronous API: untraced, and traced by distrace (the client resources
 * customized as Spring Boot's are, by distrace's
 * {@link ClientResourcesBuilderCustomizer}). Every traced command records one span,
 * checked at the end of the trial. The round trip dominates the time; the allocation
 * ({@code -prof gc}) shows what a span adds. OpenTelemetry's
 * {@code opentelemetry-lettuce-5.1} is not a peer here yet (see docs/benchmarks.md).
 *
 * @author distrace
 */
public class RedisCommandBenchmark extends Settings {

	private static final RedisURI REDIS = RedisURI.create("redis://127.0.0.1:6379/0");

	private static final String KEY = "distrace:benchmark";

	private DistraceContext distrace;

	private Client plain;

	private Client distraceClient;

	private long spans;

	@Setup(Level.Trial)
	public void start() {
		this.distrace = DistraceContext.start();
		this.plain = new Client(DefaultClientResources.create());
		DefaultClientResources.Builder traced = DefaultClientResources.builder();
		this.distrace.bean(ClientResourcesBuilderCustomizer.class).customize(traced);
		this.distraceClient = new Client(traced.build());
		this.plain.commands.set(KEY, "42");
	}

	@Benchmark
	public String plain() {
		return this.plain.commands.get(KEY);
	}

	@Benchmark
	public String distrace() {
		this.spans++;
		return this.distraceClient.commands.get(KEY);
	}

	@TearDown(Level.Trial)
	public void verify() {
		try {
			System.out.println(this.distrace.verifySpans(this.spans));
		}
		finally {
			this.plain.close();
			this.distraceClient.close();
			this.distrace.close();
		}
	}

	private static final class Client {

		private final ClientResources resources;

		private final RedisClient client;

		private final StatefulRedisConnection<String, String> connection;

		private final RedisCommands<String, String> commands;

		Client(ClientResources resources) {
			this.resources = resources;
			this.client = RedisClient.create(resources, REDIS);
			this.connection = this.client.connect();
			this.commands = this.connection.sync();
		}

		void close() {
			this.connection.close();
			this.client.shutdown();
			this.resources.shutdown();
		}

	}

}
