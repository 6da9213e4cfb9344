package io.github.distrace.sample.reactive;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.connection.init.ConnectionFactoryInitializer;
import org.springframework.r2dbc.connection.init.ResourceDatabasePopulator;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * An H2 database in memory, reached through R2DBC and filled from {@code schema.sql} and
 * {@code data.sql} at start-up, through a pool of connections ({@code r2dbc:pool:}), as
 * applications run R2DBC: a connection of r2dbc-h2's own costs about 150 µs to open (it
 * looks for optional codec classes each time), more than the rest of a request. Defined
 * here rather than by Spring Boot's R2DBC module, which the sample does without.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	ConnectionFactory connectionFactory() {
		return ConnectionFactories.get("r2dbc:pool:h2:mem:///orders;DB_CLOSE_DELAY=-1");
	}

	@Bean
	DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
		return DatabaseClient.create(connectionFactory);
	}

	@Bean
	ConnectionFactoryInitializer databaseInitializer(ConnectionFactory connectionFactory) {
		ConnectionFactoryInitializer initializer = new ConnectionFactoryInitializer();
		initializer.setConnectionFactory(connectionFactory);
		initializer.setDatabasePopulator(
				new ResourceDatabasePopulator(new ClassPathResource("schema.sql"), new ClassPathResource("data.sql")));
		return initializer;
	}

}
