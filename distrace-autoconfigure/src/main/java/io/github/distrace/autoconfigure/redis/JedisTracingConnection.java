package io.github.distrace.autoconfigure.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;

import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A Jedis connection that gives each command it writes a span, which ends when the
 * command's reply is read. Jedis writes every command through
 * {@link #sendCommand(CommandArguments)} and reads every reply through
 * {@link #readProtocolWithCheckingBroken()}, in the order the commands were written,
 * whether it awaits each reply at once or reads them together later (a pipeline, the
 * commands queued in a transaction): the replies read complete the commands written,
 * first in, first out.
 * <p>
 * Used by one thread at a time, as Jedis connections are, except while subscribed, when
 * another thread may send {@code UNSUBSCRIBE}: a subscribed connection is not traced.
 *
 * @author distrace
 */
final class JedisTracingConnection extends Connection {

	// Holds the place of a command whose parent was sampled out, so that the replies
	// after its own still complete their commands.
	private static final Object DROPPED = new Object();

	// The fields are null while Connection's constructor runs the handshake.
	private final @Nullable RedisCommandSpans spans;

	private final long database;

	private final RedisEndpoint endpoint;

	private final @Nullable Deque<Object> awaiting;

	private volatile boolean untraced;

	/**
	 * Create a connection and run its handshake ({@code HELLO}, {@code AUTH},
	 * {@code SELECT}, {@code CLIENT SETINFO}), which gets no span: it runs before the
	 * fields are set.
	 * @param socketFactory opens the socket
	 * @param config the client's configuration
	 * @param endpoint the server it connects to
	 * @param spans makes the spans
	 */
	private JedisTracingConnection(JedisSocketFactory socketFactory, JedisClientConfig config, RedisEndpoint endpoint,
			RedisCommandSpans spans) {
		super(socketFactory, config);
		this.spans = spans;
		this.database = config.getDatabase();
		this.endpoint = endpoint;
		this.awaiting = new ArrayDeque<>();
	}

	@Override
	public void sendCommand(CommandArguments args) {
		RedisCommandSpans spans = this.spans;
		Deque<Object> awaiting = this.awaiting;
		if (spans == null || awaiting == null || this.untraced) {
			super.sendCommand(args);
			return;
		}
		String command = name(args.getCommand());
		if (isSubscription(command)) {
			// From here on replies are messages pushed by the server, read on one thread
			// while another may write: nothing to pair.
			this.untraced = true;
			super.sendCommand(args);
			return;
		}
		Context parent = Context.current();
		if (spans.isDropped(parent)) {
			super.sendCommand(args);
			awaiting.addLast(DROPPED);
			return;
		}
		RedisCommandSpans.SentCommand sent = spans.start(parent, command, JedisArguments.of(args), this.database,
				this.endpoint);
		try {
			super.sendCommand(args);
		}
		catch (RuntimeException ex) {
			sent.completed(null, ex);
			throw ex;
		}
		awaiting.addLast(sent);
	}

	@Override
	protected Object readProtocolWithCheckingBroken() {
		Deque<Object> awaiting = this.awaiting;
		if (awaiting == null || awaiting.isEmpty() || this.untraced) {
			return super.readProtocolWithCheckingBroken();
		}
		Object reply;
		try {
			reply = super.readProtocolWithCheckingBroken();
		}
		catch (JedisDataException ex) {
			// An error reply: the command has its answer, the connection goes on.
			complete(awaiting.removeFirst(), ex.getMessage(), null);
			throw ex;
		}
		catch (RuntimeException ex) {
			// The connection broke: no command still awaiting will get its reply.
			completeAll(ex);
			throw ex;
		}
		complete(awaiting.removeFirst(), null, null);
		return reply;
	}

	@Override
	public void disconnect() {
		completeAll(null);
		super.disconnect();
	}

	/**
	 * Validate the connection for its pool (with a {@code PING}) without a span: it is no
	 * command of the application's.
	 * @param validation what the pool's factory does to validate it
	 * @return whether the connection is valid; not if the validation threw
	 */
	boolean validated(Callable<Boolean> validation) {
		try {
			return untraced(validation);
		}
		catch (Exception ex) {
			return false; // what Jedis answers for a connection it could not validate
		}
	}

	/**
	 * Activate the connection for its next user, or passivate it when given back to its
	 * pool, without spans for what the pool's factory sends ({@code SELECT},
	 * {@code AUTH}). Given back, it is traced again after a subscription, and without
	 * commands whose replies were never read.
	 * @param change what the pool's factory does
	 * @throws Exception what the factory threw
	 */
	void pooled(Callable<?> change) throws Exception {
		completeAll(null);
		this.untraced = false;
		untraced(change);
	}

	private <T> T untraced(Callable<T> action) throws Exception {
		this.untraced = true;
		try {
			return action.call();
		}
		finally {
			this.untraced = false;
		}
	}

	/**
	 * Opens traced connections to one server, for the pools of Jedis and of its
	 * {@code RedisClient}.
	 *
	 * @param socketFactory opens the sockets
	 * @param config the client's configuration
	 * @param endpoint the server
	 * @param spans makes the spans
	 */
	record Opener(JedisSocketFactory socketFactory, JedisClientConfig config, RedisEndpoint endpoint,
			RedisCommandSpans spans) {

		static Opener of(HostAndPort server, JedisClientConfig config, RedisCommandSpans spans) {
			return new Opener(new DefaultJedisSocketFactory(server, config), config,
					new RedisEndpoint(server.getHost(), server.getPort()), spans);
		}

		JedisTracingConnection open() {
			return new JedisTracingConnection(this.socketFactory, this.config, this.endpoint, this.spans);
		}

	}

	private void completeAll(@Nullable Throwable failure) {
		Deque<Object> awaiting = this.awaiting;
		if (awaiting != null) {
			while (!awaiting.isEmpty()) {
				complete(awaiting.removeFirst(), null, failure);
			}
		}
	}

	private static void complete(Object command, @Nullable String errorReply, @Nullable Throwable failure) {
		if (command instanceof RedisCommandSpans.SentCommand sent) {
			sent.completed(errorReply, failure);
		}
	}

	private static String name(ProtocolCommand command) {
		return (command instanceof Protocol.Command known) ? known.name()
				: new String(command.getRaw(), StandardCharsets.UTF_8);
	}

	private static boolean isSubscription(String command) {
		return switch (command) {
			case "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "MONITOR" -> true;
			default -> false;
		};
	}

}
