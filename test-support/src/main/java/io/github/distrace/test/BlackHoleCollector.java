package io.github.distrace.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A collector that accepts connections and never answers: the worst case for shutdown,
 * since every export waits for its full timeout.
 */
public final class BlackHoleCollector implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final List<Socket> connections = new CopyOnWriteArrayList<>();

	public BlackHoleCollector() throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::acceptForever, "black-hole-collector");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public String endpoint() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	public int connectionCount() {
		return this.connections.size();
	}

	private void acceptForever() {
		while (!this.serverSocket.isClosed()) {
			try {
				this.connections.add(this.serverSocket.accept());
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket connection : this.connections) {
			connection.close();
		}
	}

}
