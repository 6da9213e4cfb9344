package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A real HTTP client for the tests, including one that writes raw request lines, to send
 * what well-behaved clients never would (such as a header twice).
 */
final class HttpTestClient {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	HttpTestClient(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	String rawGet(String path, String... headerLines) throws IOException {
		return raw("GET", path, headerLines);
	}

	/**
	 * Send a request with the given method and header lines as they are, and return the
	 * response head.
	 * @param method the request method
	 * @param path the request path
	 * @param headerLines header lines such as {@code traceparent: 00-...}
	 * @return the status line and headers, header names in lower case
	 */
	String raw(String method, String path, String... headerLines) throws IOException {
		String response = rawResponse(method, path, "", headerLines);
		return response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
	}

	/**
	 * Send a GET request with the given header lines as they are, and return the body of
	 * its 200 response.
	 * @param path the request path
	 * @param headerLines header lines such as {@code traceparent: 00-...}
	 * @return the response body
	 */
	String rawBody(String path, String... headerLines) throws IOException {
		String response = rawResponse("GET", path, "", headerLines);
		if (!response.startsWith("HTTP/1.1 200")) {
			throw new IOException("Unexpected response " + response.lines().findFirst().orElse(""));
		}
		return response.substring(response.indexOf("\r\n\r\n") + 4);
	}

	/**
	 * Send a POST request with a JSON body and the given header lines as they are, and
	 * return the whole response.
	 * @param path the request path
	 * @param json the request body
	 * @param headerLines header lines such as {@code tracestate: } (empty)
	 * @return the status line, headers and body
	 */
	String rawPost(String path, String json, String... headerLines) throws IOException {
		return rawResponse("POST", path, json, headerLines);
	}

	private String rawResponse(String method, String path, String body, String... headerLines) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
			for (String line : headerLines) {
				request.append(line).append("\r\n");
			}
			if (!body.isEmpty()) {
				request.append("Content-Type: application/json\r\nContent-Length: ")
					.append(body.getBytes(StandardCharsets.ISO_8859_1).length)
					.append("\r\n");
			}
			request.append("Connection: close\r\n\r\n").append(body);
			OutputStream out = socket.getOutputStream();
			// Latin-1 so that a test can send any byte, as a hostile client would.
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
