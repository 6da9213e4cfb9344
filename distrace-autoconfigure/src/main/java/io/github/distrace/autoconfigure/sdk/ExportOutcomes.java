package io.github.distrace.autoconfigure.sdk;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * Remembers how the latest export of each exporter distrace built ended, and why it
 * failed, in words safe to show on a health endpoint: no header value (an API key) and no
 * user-info of a URL. Recorded when an export completes, on the export thread.
 *
 * @author distrace
 */
final class ExportOutcomes {

	static final String MASK = "******";

	private static final int MAX_ERROR_LENGTH = 300;

	private static final int MAX_CAUSE_DEPTH = 10;

	private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}+");

	private final List<TrackedExporter> exporters = new CopyOnWriteArrayList<>();

	private final Collection<String> secrets;

	/**
	 * Create an instance that masks the given values wherever an error text holds them.
	 * @param secrets values never to show, such as the OTLP headers' values
	 */
	ExportOutcomes(Collection<String> secrets) {
		this.secrets = secrets.stream().filter((secret) -> !secret.isEmpty()).toList();
	}

	/**
	 * Return an exporter that records the outcome of each export of the given one.
	 * @param name the exporter's name, such as {@code otlp}
	 * @param endpoint where it sends spans
	 * @param exporter the exporter to track
	 * @return the tracking exporter
	 */
	SpanExporter track(String name, String endpoint, SpanExporter exporter) {
		TrackedExporter tracked = new TrackedExporter(name, sanitizedEndpoint(endpoint), exporter);
		this.exporters.add(tracked);
		return tracked;
	}

	/**
	 * Return the exporters tracked, with the failure of their latest export if it failed.
	 * @return one outcome per tracked exporter
	 */
	List<Outcome> outcomes() {
		return this.exporters.stream()
			.map((tracked) -> new Outcome(tracked.name, tracked.endpoint, tracked.failure))
			.toList();
	}

	/**
	 * Return what made an export fail, on one line of at most 300 characters, without the
	 * secrets and without the user-info of a URL.
	 * @param failure what the export failed with, or {@code null} when it failed without
	 * an exception
	 * @return the text to show
	 */
	String describe(@Nullable Throwable failure) {
		String text = (failure != null) ? describeCause(failure) : "the export failed";
		for (String secret : this.secrets) {
			text = text.replace(secret, MASK);
		}
		text = USER_INFO.matcher(CONTROL_CHARACTERS.matcher(text).replaceAll(" ")).replaceAll("");
		return (text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH) + "..." : text;
	}

	/**
	 * The exporters wrap what went wrong (a refused connection, a failed TLS handshake)
	 * in exceptions of their own; the innermost one with a message says it best. An
	 * exporter's exception without a cause stands for an error answer of the receiver.
	 */
	private static String describeCause(Throwable failure) {
		if (failure.getCause() == null && failure.getMessage() == null) {
			return failure.getClass().getSimpleName() + ": the receiver answered with an error";
		}
		Throwable described = failure;
		Throwable innermost = failure;
		for (int depth = 0; depth < MAX_CAUSE_DEPTH && innermost.getCause() != null; depth++) {
			innermost = innermost.getCause();
			if (innermost.getMessage() != null) {
				described = innermost;
			}
		}
		String message = described.getMessage();
		return (message != null) ? described.getClass().getSimpleName() + ": " + message
				: innermost.getClass().getSimpleName();
	}

	static String sanitizedEndpoint(String endpoint) {
		try {
			URI uri = URI.create(endpoint);
			if (uri.getScheme() != null && uri.getRawAuthority() != null) {
				String host = uri.getHost();
				String port = (uri.getPort() != -1) ? ":" + uri.getPort() : "";
				String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
				return uri.getScheme() + "://" + ((host != null) ? host : "") + port + path;
			}
		}
		catch (IllegalArgumentException ex) {
			// Not a URI: masked below like any text.
		}
		return USER_INFO.matcher(endpoint).replaceAll("");
	}

	/**
	 * How the latest export of one exporter ended.
	 *
	 * @param name the exporter's name
	 * @param endpoint where it sends spans, without user-info or query
	 * @param failure the failure of its latest export, or {@code null} when that
	 * succeeded or none was made yet
	 */
	record Outcome(String name, String endpoint, @Nullable Failure failure) {

	}

	/**
	 * A failed export.
	 *
	 * @param time when it failed
	 * @param error what went wrong, safe to show
	 */
	record Failure(Instant time, String error) {

	}

	private final class TrackedExporter implements SpanExporter {

		private final String name;

		private final String endpoint;

		private final SpanExporter delegate;

		private volatile @Nullable Failure failure;

		TrackedExporter(String name, String endpoint, SpanExporter delegate) {
			this.name = name;
			this.endpoint = endpoint;
			this.delegate = delegate;
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			CompletableResultCode result = this.delegate.export(spans);
			result.whenComplete(() -> this.failure = result.isSuccess() ? null
					: new Failure(Instant.now(), describe(result.getFailureThrowable())));
			return result;
		}

		@Override
		public CompletableResultCode flush() {
			return this.delegate.flush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.delegate.shutdown();
		}

		@Override
		public String toString() {
			return this.delegate.toString();
		}

	}

}
