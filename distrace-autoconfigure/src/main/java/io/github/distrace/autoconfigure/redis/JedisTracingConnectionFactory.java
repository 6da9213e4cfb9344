package io.github.distrace.autoconfigure.redis;

import java.lang.reflect.Field;

import org.jspecify.annotations.Nullable;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.util.Pool;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.util.ReflectionUtils;

/**
 * Spring Data Redis' {@link JedisConnectionFactory} for a standalone server, whose
 * connections are {@link JedisTracingConnection}s: those of a {@code JedisPool}, or made
 * one at a time without a pool. Jedis has no tracing SPI and makes its connections inside
 * its pools; this factory's template methods are where the pools are made. Those of
 * Jedis' {@code RedisClient} are {@link UnifiedJedisTracingConnectionFactory}'s.
 *
 * @author distrace
 */
class JedisTracingConnectionFactory extends JedisConnectionFactory {

	/**
	 * The client configuration Spring Data Redis builds from its own (credentials, SSL,
	 * timeouts, client name), which it keeps to itself; read rather than built again, so
	 * that the connections are the very ones it would open.
	 */
	private static final @Nullable Field CLIENT_CONFIG = ReflectionUtils.findField(JedisConnectionFactory.class,
			"clientConfig", JedisClientConfig.class);

	final RedisCommandSpans spans;

	JedisTracingConnectionFactory(RedisStandaloneConfiguration standalone, JedisClientConfiguration client,
			RedisCommandSpans spans) {
		super(standalone, client);
		this.spans = spans;
	}

	/**
	 * Return whether this Spring Data Redis version lets the client configuration be
	 * read.
	 * @return whether connections can be traced
	 */
	static boolean isSupported() {
		return CLIENT_CONFIG != null;
	}

	@Override
	@SuppressWarnings("deprecation") // JedisPool: what Spring Data Redis uses before 4.1
	protected Pool<Jedis> createRedisPool() {
		JedisClientConfig config = jedisClientConfig();
		if (config == null) {
			return super.createRedisPool();
		}
		return new JedisPool(getPoolConfig(), new JedisTracingFactory(opener(config)));
	}

	@Override
	protected Jedis fetchJedisConnector() {
		JedisClientConfig config = jedisClientConfig();
		if (getUsePool() || config == null) {
			return super.fetchJedisConnector();
		}
		try {
			return new Jedis(opener(config).open());
		}
		catch (RuntimeException ex) {
			throw new RedisConnectionFailureException("Cannot get Jedis connection", ex);
		}
	}

	private JedisTracingConnection.Opener opener(JedisClientConfig config) {
		return JedisTracingConnection.Opener.of(new HostAndPort(getHostName(), getPort()), config, this.spans);
	}

	/**
	 * Return the client configuration Spring Data Redis built, once it is initialized.
	 * @return the configuration, or {@code null} if it cannot be read
	 */
	final @Nullable JedisClientConfig clientConfig() {
		Field field = CLIENT_CONFIG;
		if (field == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		return (JedisClientConfig) ReflectionUtils.getField(field, this);
	}

	/**
	 * Return the client configuration, if the connections of a {@link Jedis} can be
	 * traced: with RESP3, {@code Jedis} parses replies as it was told when it made its
	 * connection itself, which a connection made here cannot tell it.
	 */
	private @Nullable JedisClientConfig jedisClientConfig() {
		JedisClientConfig config = clientConfig();
		return (config != null && config.getRedisProtocol() != RedisProtocol.RESP3) ? config : null;
	}

}
