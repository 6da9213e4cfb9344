package io.github.distrace.autoconfigure.redis;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;

/**
 * Makes the pooled connections of Jedis' {@code RedisClient}, each a
 * {@link JedisTracingConnection}. What the pool itself sends (a {@code PING} to validate
 * a connection, an {@code AUTH} to renew its credentials) gets no span.
 *
 * @author distrace
 */
final class JedisTracingConnections extends ConnectionFactory {

	private final JedisTracingConnection.Opener opener;

	JedisTracingConnections(JedisTracingConnection.Opener opener) {
		super(opener.socketFactory(), opener.config());
		this.opener = opener;
	}

	@Override
	public PooledObject<Connection> makeObject() {
		return new DefaultPooledObject<>(this.opener.open());
	}

	@Override
	public boolean validateObject(PooledObject<Connection> pooledConnection) {
		return connection(pooledConnection).validated(() -> super.validateObject(pooledConnection));
	}

	@Override
	public void passivateObject(PooledObject<Connection> pooledConnection) throws Exception {
		connection(pooledConnection).pooled(() -> {
			super.passivateObject(pooledConnection);
			return null;
		});
	}

	private static JedisTracingConnection connection(PooledObject<Connection> pooledConnection) {
		return (JedisTracingConnection) pooledConnection.getObject();
	}

}
