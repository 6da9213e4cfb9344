package io.github.distrace.autoconfigure.redis;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * The server a connection talks to, as {@code server.address} and {@code server.port};
 * made once per connection.
 *
 * @param address the host name or address, or {@code null} if unknown (a Unix socket)
 * @param port the port, or -1 if unknown
 * @author distrace
 */
record RedisEndpoint(@Nullable String address, long port) {

	static final RedisEndpoint UNKNOWN = new RedisEndpoint(null, -1);

	static RedisEndpoint of(@Nullable SocketAddress socketAddress) {
		if (socketAddress instanceof InetSocketAddress inet) {
			// The host string is the name connected to, never a reverse lookup.
			return new RedisEndpoint(inet.getHostString(), inet.getPort());
		}
		return UNKNOWN;
	}

}
