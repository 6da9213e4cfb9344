package io.github.distrace.autoconfigure.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP/1.1 request written by hand on a real socket, so that a test chooses what
 * clients normally do not let it choose: the {@code Host} header, and the address the
 * connection comes from (the server sees it as the peer).
 */
final class RawHttpRequest {

	private final String method;

	private final String path;

	private final List<String> headerLines = new ArrayList<>();

	private InetAddress from = InetAddress.getLoopbackAddress();

	private InetAddress to = InetAddress.getLoopbackAddress();

	private RawHttpRequest(String method, String path, String host) {
		this.method = method;
		this.path = path;
		this.headerLines.add("Host: " + host);
	}

	static RawHttpRequest get(String path, String host) {
		return new RawHttpRequest("GET", path, host);
	}

	/**
	 * An empty OTLP request: valid protobuf holding no spans.
	 * @param path the receiver's path
	 * @param host the Host header
	 * @return the request
	 */
	static RawHttpRequest postOtlp(String path, String host) {
		return new RawHttpRequest("POST", path, host).header("Content-Type: application/x-protobuf")
			.header("Content-Length: 0");
	}

	RawHttpRequest header(String line) {
		this.headerLines.add(line);
		return this;
	}

	/**
	 * Connect from and to an address of this machine, such as one that is not the
	 * loopback address: the server then sees a peer that is not loopback.
	 * @param address a local address the server listens on
	 * @return this request
	 */
	RawHttpRequest between(InetAddress address) {
		this.from = address;
		this.to = address;
		return this;
	}

	/**
	 * Send the request and read the response's status.
	 * @param port the server's port
	 * @return the status code
	 * @throws IOException if the exchange fails
	 */
	int status(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(this.from, 0));
			socket.connect(new InetSocketAddress(this.to, port), 10_000);
			socket.setSoTimeout(30_000);
			StringBuilder request = new StringBuilder(this.method + " " + this.path + " HTTP/1.1\r\n");
			this.headerLines.forEach((line) -> request.append(line).append("\r\n"));
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			if (!response.startsWith("HTTP/1.1 ")) {
				throw new IOException("Not an HTTP response: " + response);
			}
			return Integer.parseInt(response.substring(9, 12));
		}
	}

	/**
	 * Return an IPv4 address of this machine that is not the loopback address, through
	 * which a connection to this machine has a peer that is not loopback.
	 * @return the address, or empty on a machine with only the loopback interface
	 * @throws SocketException if the interfaces cannot be listed
	 */
	static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
		return NetworkInterface.networkInterfaces()
			.filter(RawHttpRequest::isUp)
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress()
					&& !address.isLinkLocalAddress())
			.findFirst();
	}

	private static boolean isUp(NetworkInterface network) {
		try {
			return network.isUp() && !network.isLoopback();
		}
		catch (SocketException ex) {
			return false;
		}
	}

}
