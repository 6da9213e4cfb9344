package io.github.distrace.autoconfigure.redis;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;

/**
 * Makes the pooled connections of Jedis' {@code RedisClient}, each a
 * {@link JedisTracingConnection}. What the pool itself sends (a {@code PING} to validate
 * a connection, an {@code AUTH} to renew its credentials) gets no span.
 *
 * @author distrace
 */
final class JedisTracingConnections extends ConnectionFactory {

	private final JedisSocketFactory socketFactory;

	private final JedisClientConfig config;

	private final RedisEndpoint endpoint;

	private final RedisCommandSpans spans;

	JedisTracingConnections(HostAndPort server, JedisClientConfig config, RedisCommandSpans spans) {
		this(new DefaultJedisSocketFactory(server, config), config, server, spans);
	}

	private JedisTracingConnections(JedisSocketFactory socketFactory, JedisClientConfig config, HostAndPort server,
			RedisCommandSpans spans) {
		super(socketFactory, config);
		this.socketFactory = socketFactory;
		this.config = config;
		this.endpoint = new RedisEndpoint(server.getHost(), server.getPort());
		this.spans = spans;
	}

	@Override
	public PooledObject<Connection> makeObject() {
		return new DefaultPooledObject<>(
				new JedisTracingConnection(this.socketFactory, this.config, this.endpoint, this.spans));
	}

	@Override
	public boolean validateObject(PooledObject<Connection> pooledConnection) {
		try {
			return connection(pooledConnection).untraced(() -> super.validateObject(pooledConnection));
		}
		catch (Exception ex) {
			return false; // what Jedis answers for a connection it could not validate
		}
	}

	@Override
	public void passivateObject(PooledObject<Connection> pooledConnection) throws Exception {
		JedisTracingConnection connection = connection(pooledConnection);
		connection.reset();
		connection.untraced(() -> {
			super.passivateObject(pooledConnection);
			return null;
		});
	}

	private static JedisTracingConnection connection(PooledObject<Connection> pooledConnection) {
		return (JedisTracingConnection) pooledConnection.getObject();
	}

}
