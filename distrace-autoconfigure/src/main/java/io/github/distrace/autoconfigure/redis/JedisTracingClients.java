package io.github.distrace.autoconfigure.redis;

import java.util.Optional;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.builders.StandaloneClientBuilder;
import redis.clients.jedis.providers.PooledConnectionProvider;

import org.springframework.data.redis.connection.jedis.JedisClientBuilderCustomizer;

/**
 * Jedis' {@code RedisClient} (Jedis 7.2 and later), which Spring Data Redis 4.1 uses
 * where Jedis has it, made as Spring Data Redis makes it but on a pool of
 * {@link JedisTracingConnection}s. Apart from {@link JedisTracingConnectionFactory}, so
 * that no class of it is loaded with an older Jedis.
 *
 * @author distrace
 */
final class JedisTracingClients {

	private JedisTracingClients() {
	}

	/**
	 * Make the client of a standalone server.
	 * @param server the server
	 * @param config the client's configuration
	 * @param poolConfig the pool's configuration, or {@code null} for Jedis' defaults
	 * @param customizer the application's customizer of the client, applied before the
	 * pool is set
	 * @param spans makes the spans
	 * @return the client
	 */
	@SuppressWarnings("unchecked")
	static RedisClient standalone(HostAndPort server, JedisClientConfig config,
			@Nullable GenericObjectPoolConfig<?> poolConfig, Optional<JedisClientBuilderCustomizer> customizer,
			RedisCommandSpans spans) {
		// A copy of every setting, as Spring Data Redis copies the ones it knows.
		GenericObjectPoolConfig<Connection> pool = (poolConfig != null)
				? (GenericObjectPoolConfig<Connection>) poolConfig.clone() : new ConnectionPoolConfig();
		StandaloneClientBuilder<RedisClient> builder = RedisClient.builder()
			.hostAndPort(server)
			.clientConfig(config)
			.poolConfig(pool);
		customizer.ifPresent((custom) -> custom.customize(builder));
		JedisTracingConnections connections = new JedisTracingConnections(
				JedisTracingConnection.Opener.of(server, config, spans));
		builder.connectionProvider(new PooledConnectionProvider(connections, pool));
		return builder.build();
	}

}
