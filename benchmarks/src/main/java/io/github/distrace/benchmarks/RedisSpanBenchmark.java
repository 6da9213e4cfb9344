package io.github.distrace.benchmarks;

import java.net.InetSocketAddress;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.protocol.TracedCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.Tracing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;

/**
 * What a Redis command's span costs beside the client's own work, without the network: a
 * {@code SET key value LIMIT 60} command made, dispatched and completed as Lettuce does
 * it (its channel handler wraps the command with the trace context, its command handler
 * asks the tracing for a span when it writes the command, the reply completes it),
 * untraced and with distrace's tracing from the client resources its customizer builds.
 * Every traced command records one span, checked at the end of the trial.
 *
 * @author distrace
 */
public class RedisSpanBenchmark extends Settings {

	private DistraceContext distrace;

	private ClientResources resources;

	private Tracing tracing;

	private Tracing.Endpoint endpoint;

	private long spans;

	@Setup(Level.Trial)
	public void start() {
		this.distrace = DistraceContext.start();
		DefaultClientResources.Builder builder = DefaultClientResources.builder();
		this.distrace.bean(ClientResourcesBuilderCustomizer.class).customize(builder);
		this.resources = builder.build();
		this.tracing = this.resources.tracing();
		this.endpoint = this.tracing.createEndpoint(new InetSocketAddress("127.0.0.1", 6379));
	}

	@Benchmark
	public String plain() {
		AsyncCommand<String, String, String> command = command();
		command.getOutput().set(StringCodec.UTF8.encodeValue("OK"));
		command.complete();
		return command.getNow(null);
	}

	@Benchmark
	public String distrace() {
		this.spans++;
		AsyncCommand<String, String, String> command = command();
		// RedisChannelHandler.dispatch, on the caller's thread.
		RedisCommand<String, String, String> dispatched = new TracedCommand<>(command,
				this.tracing.initialTraceContextProvider().getTraceContext());
		// CommandHandler.attachTracing, when the command is written.
		Tracer.Span span = this.tracing.getTracerProvider()
			.getTracer()
			.nextSpan(((TracedCommand<?, ?, ?>) dispatched).getTraceContext());
		span.name(dispatched.getType().toString());
		span.remoteEndpoint(this.endpoint);
		span.start(dispatched);
		command.getOutput().set(StringCodec.UTF8.encodeValue("OK"));
		command.complete();
		return command.getNow(null);
	}

	private static AsyncCommand<String, String, String> command() {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).addKey("user:42")
			.addValue("secret")
			.add(CommandKeyword.LIMIT)
			.add(60);
		return new AsyncCommand<>(new Command<>(CommandType.SET, new ValueOutput<>(StringCodec.UTF8), args));
	}

	@TearDown(Level.Trial)
	public void verify() {
		try {
			System.out.println(this.distrace.verifySpans(this.spans));
		}
		finally {
			this.resources.shutdown();
			this.distrace.close();
		}
	}

}
