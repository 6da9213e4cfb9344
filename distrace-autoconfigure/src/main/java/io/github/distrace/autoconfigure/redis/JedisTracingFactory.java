package io.github.distrace.autoconfigure.redis;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisFactory;
import redis.clients.jedis.JedisSocketFactory;

/**
 * Makes the pooled {@link Jedis} instances of a {@code JedisPool}, each on a
 * {@link JedisTracingConnection}. What the pool itself sends (a {@code PING} to validate
 * a connection, a {@code SELECT} when lending it) gets no span.
 *
 * @author distrace
 */
@SuppressWarnings("deprecation") // JedisPool and its factory: what Spring Data Redis uses
final class JedisTracingFactory extends JedisFactory {

	private final JedisSocketFactory socketFactory;

	private final JedisClientConfig config;

	private final RedisEndpoint endpoint;

	private final RedisCommandSpans spans;

	JedisTracingFactory(HostAndPort server, JedisClientConfig config, RedisCommandSpans spans) {
		this(new DefaultJedisSocketFactory(server, config), config, server, spans);
	}

	private JedisTracingFactory(JedisSocketFactory socketFactory, JedisClientConfig config, HostAndPort server,
			RedisCommandSpans spans) {
		super(socketFactory, config);
		this.socketFactory = socketFactory;
		this.config = config;
		this.endpoint = new RedisEndpoint(server.getHost(), server.getPort());
		this.spans = spans;
	}

	/**
	 * Open a connection that is not pooled.
	 * @param server the server to connect to
	 * @param config the client's configuration
	 * @param spans makes the spans
	 * @return a connected {@link Jedis}
	 */
	static Jedis connect(HostAndPort server, JedisClientConfig config, RedisCommandSpans spans) {
		return new JedisTracingFactory(server, config, spans).create();
	}

	private Jedis create() {
		return new Jedis(new JedisTracingConnection(this.socketFactory, this.config, this.endpoint, this.spans));
	}

	@Override
	public PooledObject<Jedis> makeObject() {
		return new DefaultPooledObject<>(create());
	}

	@Override
	public void activateObject(PooledObject<Jedis> pooledJedis) throws Exception {
		connection(pooledJedis).untraced(() -> {
			super.activateObject(pooledJedis);
			return null;
		});
	}

	@Override
	public boolean validateObject(PooledObject<Jedis> pooledJedis) {
		try {
			return connection(pooledJedis).untraced(() -> super.validateObject(pooledJedis));
		}
		catch (Exception ex) {
			return false; // what Jedis answers for a connection it could not validate
		}
	}

	@Override
	public void passivateObject(PooledObject<Jedis> pooledJedis) throws Exception {
		connection(pooledJedis).reset();
		super.passivateObject(pooledJedis);
	}

	private static JedisTracingConnection connection(PooledObject<Jedis> pooledJedis) {
		return (JedisTracingConnection) pooledJedis.getObject().getConnection();
	}

}
