package io.github.distrace.autoconfigure.redis;

import java.util.Optional;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.builders.StandaloneClientBuilder;
import redis.clients.jedis.providers.PooledConnectionProvider;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientBuilderCustomizer;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;

/**
 * {@link JedisTracingConnectionFactory} where Spring Data Redis (4.1 and later) uses
 * Jedis' {@code RedisClient} (Jedis 7.2 and later): the client is made as Spring Data
 * Redis makes it, but on a pool of {@link JedisTracingConnection}s. A class apart, used
 * only where both have it, since its methods name types that older versions lack.
 *
 * @author distrace
 */
final class UnifiedJedisTracingConnectionFactory extends JedisTracingConnectionFactory {

	private UnifiedJedisTracingConnectionFactory(RedisStandaloneConfiguration standalone,
			JedisClientConfiguration client, RedisCommandSpans spans) {
		super(standalone, client, spans);
	}

	/**
	 * Create a factory; called only where Spring Data Redis and Jedis have
	 * {@code RedisClient}, and typed so that the caller's class never names this one.
	 * @param standalone the server
	 * @param client the client's configuration
	 * @param spans makes the spans
	 * @return the factory
	 */
	static JedisTracingConnectionFactory create(RedisStandaloneConfiguration standalone,
			JedisClientConfiguration client, RedisCommandSpans spans) {
		return new UnifiedJedisTracingConnectionFactory(standalone, client, spans);
	}

	@Override
	@SuppressWarnings("unchecked")
	protected RedisClient createRedisClient(RedisStandaloneConfiguration configuration) {
		JedisClientConfig config = clientConfig();
		if (config == null || config.getAuthXManager() != null) {
			// Token-based authentication renews credentials through Jedis' own connection
			// factory.
			return super.createRedisClient(configuration);
		}
		HostAndPort server = new HostAndPort(configuration.getHostName(), configuration.getPort());
		// A copy of every setting, as Spring Data Redis copies the ones it knows.
		GenericObjectPoolConfig<?> poolConfig = getPoolConfig();
		GenericObjectPoolConfig<Connection> pool = (poolConfig != null)
				? (GenericObjectPoolConfig<Connection>) poolConfig.clone() : new ConnectionPoolConfig();
		StandaloneClientBuilder<RedisClient> builder = RedisClient.builder()
			.hostAndPort(server)
			.clientConfig(config)
			.poolConfig(pool);
		Optional<JedisClientBuilderCustomizer> customizer = getClientConfiguration().getClientCustomizer();
		customizer.ifPresent((custom) -> custom.customize(builder));
		JedisTracingConnections connections = new JedisTracingConnections(
				JedisTracingConnection.Opener.of(server, config, this.spans));
		return builder.connectionProvider(new PooledConnectionProvider(connections, pool)).build();
	}

}
