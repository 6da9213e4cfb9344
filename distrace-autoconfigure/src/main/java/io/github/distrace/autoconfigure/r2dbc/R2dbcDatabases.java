package io.github.distrace.autoconfigure.r2dbc;

import java.lang.reflect.Method;
import java.util.Locale;

import io.github.distrace.autoconfigure.sql.DatabaseInfo;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Wrapped;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The database an R2DBC connection factory talks to. Its {@code db.system.name} comes
 * from the driver's metadata; the database name, host and port from the options it was
 * made of, which only Spring Boot's auto-configured factory tells (its
 * {@code OptionsCapableConnectionFactory}, found by its public {@code getOptions()} so
 * that no Spring Boot R2DBC module is needed here): a factory made by the application
 * itself, with {@code ConnectionFactories.get(url)}, gives its system alone.
 *
 * @author distrace
 */
final class R2dbcDatabases {

	private R2dbcDatabases() {
	}

	static DatabaseInfo of(ConnectionFactory connectionFactory) {
		String system = system(connectionFactory);
		ConnectionFactoryOptions options = options(connectionFactory);
		if (options == null) {
			return new DatabaseInfo(system, null, null, null);
		}
		Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
		Object host = options.getValue(ConnectionFactoryOptions.HOST);
		Object port = options.getValue(ConnectionFactoryOptions.PORT);
		return new DatabaseInfo(system, (database != null) ? database.toString() : null,
				(host != null) ? host.toString() : null, port(port, system));
	}

	// The driver names, as its metadata gives them, mapped to the semantic conventions'
	// values.
	private static String system(ConnectionFactory connectionFactory) {
		String name;
		try {
			name = connectionFactory.getMetadata().getName().toLowerCase(Locale.ROOT);
		}
		catch (RuntimeException ex) {
			return DatabaseInfo.UNKNOWN.system();
		}
		if (name.contains("postgres")) {
			return "postgresql";
		}
		if (name.contains("mariadb")) {
			return "mariadb";
		}
		if (name.contains("mysql")) {
			return "mysql";
		}
		if (name.equals("h2")) {
			return "h2database";
		}
		if (name.contains("sql server")) {
			return "microsoft.sql_server";
		}
		if (name.contains("oracle")) {
			return "oracle.db";
		}
		return DatabaseInfo.UNKNOWN.system();
	}

	private static @Nullable ConnectionFactoryOptions options(Object connectionFactory) {
		for (Object current = connectionFactory; current != null; current = unwrap(current)) {
			Method getOptions = ClassUtils.getMethodIfAvailable(current.getClass(), "getOptions");
			if (getOptions != null && getOptions.getReturnType() == ConnectionFactoryOptions.class) {
				try {
					ReflectionUtils.makeAccessible(getOptions);
					return (ConnectionFactoryOptions) ReflectionUtils.invokeMethod(getOptions, current);
				}
				catch (RuntimeException ex) {
					return null;
				}
			}
		}
		return null;
	}

	private static @Nullable Object unwrap(Object connectionFactory) {
		Object inner = (connectionFactory instanceof Wrapped<?> wrapped) ? wrapped.unwrap() : null;
		return (inner != connectionFactory && inner instanceof ConnectionFactory) ? inner : null;
	}

	private static @Nullable Integer port(@Nullable Object port, String system) {
		if (port instanceof Integer number) {
			return number;
		}
		if (port != null) {
			try {
				return Integer.valueOf(port.toString());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return switch (system) {
			case "postgresql" -> 5432;
			case "mariadb", "mysql" -> 3306;
			default -> null;
		};
	}

}
