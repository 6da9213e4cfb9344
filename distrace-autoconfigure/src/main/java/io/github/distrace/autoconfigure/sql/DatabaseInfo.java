package io.github.distrace.autoconfigure.sql;

import java.util.Locale;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The database a connection talks to, read from its JDBC URL: the attributes every query
 * span of that connection shares. Credentials in the URL are never kept.
 *
 * @param system the {@code db.system.name}, such as {@code postgresql}
 * @param namespace the database name, or {@code null}
 * @param host the server host, or {@code null} for an in-process database
 * @param port the server port, or {@code null}
 * @author distrace
 */
public record DatabaseInfo(String system, @Nullable String namespace, @Nullable String host, @Nullable Integer port) {

	public static final DatabaseInfo UNKNOWN = new DatabaseInfo("other_sql", null, null, null);

	/**
	 * Whether the database reads double quotes as strings and backslashes as escapes.
	 * @return {@code true} for MySQL and MariaDB
	 */
	public boolean mysqlQuoting() {
		return this.system.equals("mysql") || this.system.equals("mariadb");
	}

	public void addTo(AttributesBuilder attributes) {
		attributes.put(DbAttributes.DB_SYSTEM_NAME, this.system);
		if (this.namespace != null) {
			attributes.put(DbAttributes.DB_NAMESPACE, this.namespace);
		}
		if (this.host != null) {
			attributes.put(ServerAttributes.SERVER_ADDRESS, this.host);
		}
		if (this.port != null) {
			attributes.put(ServerAttributes.SERVER_PORT, (long) this.port);
		}
	}

	/**
	 * Read a JDBC URL.
	 * @param url the URL, such as {@code jdbc:postgresql://db:5432/orders}
	 * @return what the URL names; {@link #UNKNOWN} for a URL that is not understood
	 */
	public static DatabaseInfo fromUrl(@Nullable String url) {
		if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
			return UNKNOWN;
		}
		String rest = url.substring(5);
		int colon = rest.indexOf(':');
		if (colon < 0) {
			return UNKNOWN;
		}
		String subprotocol = rest.substring(0, colon).toLowerCase(Locale.ROOT);
		String location = rest.substring(colon + 1);
		return switch (subprotocol) {
			case "postgresql", "pgsql" -> network("postgresql", location, 5432);
			case "mariadb" -> network("mariadb", location, 3306);
			case "mysql" -> network("mysql", location, 3306);
			case "sqlserver" -> sqlServer(location);
			case "db2" -> network("ibm.db2", location, 50000);
			case "oracle" -> oracle(location);
			case "h2" -> embedded("h2database", location, 9092);
			case "hsqldb" -> embedded("hsqldb", location, 9001);
			case "derby" -> embedded("derby", location, 1527);
			case "sqlite" -> new DatabaseInfo("sqlite", lastSegment(location), null, null);
			default -> UNKNOWN;
		};
	}

	// jdbc:x://[user[:password]@]host[:port][,host2...]/database[?|;options]
	private static DatabaseInfo network(String system, String location, int defaultPort) {
		if (!location.startsWith("//")) {
			return new DatabaseInfo(system, null, null, null);
		}
		String afterSlashes = location.substring(2);
		int authorityEnd = indexOfAny(afterSlashes, "/?;");
		String authority = afterSlashes.substring(0, authorityEnd);
		authority = authority.substring(authority.lastIndexOf('@') + 1);
		int comma = authority.indexOf(',');
		if (comma >= 0) {
			authority = authority.substring(0, comma);
		}
		String host = authority;
		Integer port = defaultPort;
		int portColon = authority.lastIndexOf(':');
		if (portColon >= 0 && portColon > authority.lastIndexOf(']')) {
			host = authority.substring(0, portColon);
			port = parsePort(authority.substring(portColon + 1), defaultPort);
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		String namespace = null;
		if (authorityEnd < afterSlashes.length() && afterSlashes.charAt(authorityEnd) == '/') {
			String path = afterSlashes.substring(authorityEnd + 1);
			namespace = path.substring(0, indexOfAny(path, "?;"));
		}
		return new DatabaseInfo(system, emptyToNull(namespace), emptyToNull(host), host.isEmpty() ? null : port);
	}

	private static DatabaseInfo sqlServer(String location) {
		DatabaseInfo server = network("microsoft.sql_server", location, 1433);
		String namespace = server.namespace;
		for (String option : location.split(";")) {
			int equals = option.indexOf('=');
			if (equals > 0 && option.substring(0, equals).trim().equalsIgnoreCase("databaseName")) {
				namespace = option.substring(equals + 1).trim();
			}
		}
		return new DatabaseInfo(server.system, emptyToNull(namespace), server.host, server.port);
	}

	// jdbc:oracle:thin:@host:port:SID or jdbc:oracle:thin:@//host:port/service
	private static DatabaseInfo oracle(String location) {
		int at = location.indexOf('@');
		if (at < 0 || location.indexOf('(', at) >= 0) {
			return new DatabaseInfo("oracle.db", null, null, null);
		}
		String address = location.substring(at + 1);
		if (!address.startsWith("//")) {
			address = "//" + address.replaceFirst(":([^:/]*)$", "/$1");
		}
		return network("oracle.db", address, 1521);
	}

	// jdbc:h2:mem:name, jdbc:h2:file:/path/name, jdbc:h2:tcp://host:port/path/name
	private static DatabaseInfo embedded(String system, String location, int defaultPort) {
		String withoutOptions = location.substring(0, indexOfAny(location, ";"));
		int scheme = withoutOptions.indexOf("://");
		if (scheme >= 0) {
			DatabaseInfo server = network(system, withoutOptions.substring(scheme + 1), defaultPort);
			return new DatabaseInfo(system, lastSegment(withoutOptions.substring(scheme + 3)), server.host,
					server.port);
		}
		return new DatabaseInfo(system, lastSegment(withoutOptions), null, null);
	}

	private static @Nullable String lastSegment(String location) {
		String path = location.substring(0, indexOfAny(location, ";?"));
		int start = Math.max(path.lastIndexOf('/'), Math.max(path.lastIndexOf(':'), path.lastIndexOf('\\')));
		return emptyToNull(path.substring(start + 1));
	}

	private static Integer parsePort(String text, int defaultPort) {
		try {
			return Integer.valueOf(text);
		}
		catch (NumberFormatException ex) {
			return defaultPort;
		}
	}

	private static int indexOfAny(String text, String characters) {
		for (int i = 0; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return text.length();
	}

	private static @Nullable String emptyToNull(@Nullable String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

}
