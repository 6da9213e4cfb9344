package io.github.distrace.autoconfigure.redis;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisFactory;

/**
 * Makes the pooled {@link Jedis} instances of a {@code JedisPool}, each on a
 * {@link JedisTracingConnection}. What the pool itself sends (a {@code PING} to validate
 * a connection, a {@code SELECT} when lending it) gets no span.
 *
 * @author distrace
 */
@SuppressWarnings("deprecation") // JedisPool and its factory: what Spring Data Redis uses
final class JedisTracingFactory extends JedisFactory {

	private final JedisTracingConnection.Opener opener;

	JedisTracingFactory(JedisTracingConnection.Opener opener) {
		super(opener.socketFactory(), opener.config());
		this.opener = opener;
	}

	@Override
	public PooledObject<Jedis> makeObject() {
		return new DefaultPooledObject<>(new Jedis(this.opener.open()));
	}

	@Override
	public void activateObject(PooledObject<Jedis> pooledJedis) throws Exception {
		connection(pooledJedis).pooled(() -> {
			super.activateObject(pooledJedis);
			return null;
		});
	}

	@Override
	public boolean validateObject(PooledObject<Jedis> pooledJedis) {
		return connection(pooledJedis).validated(() -> super.validateObject(pooledJedis));
	}

	@Override
	public void passivateObject(PooledObject<Jedis> pooledJedis) throws Exception {
		connection(pooledJedis).pooled(() -> {
			super.passivateObject(pooledJedis);
			return null;
		});
	}

	private static JedisTracingConnection connection(PooledObject<Jedis> pooledJedis) {
		return (JedisTracingConnection) pooledJedis.getObject().getConnection();
	}

}
