package io.github.distrace.autoconfigure.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of the spans of one operation, {@code send orders} say: made once for each
 * destination rather than for every message. Only the first {@value #MAX_CACHED}
 * destinations are kept, so that an application that sends to destinations without end
 * (reply queues with generated names, say) does not fill the memory; the names of the
 * others are made each time.
 *
 * @author distrace
 */
final class SpanNames {

	static final int MAX_CACHED = 256;

	private final String operation;

	private final String prefix;

	private final Map<String, String> names = new ConcurrentHashMap<>();

	SpanNames(String operation) {
		this.operation = operation;
		this.prefix = operation + " ";
	}

	/**
	 * Return the span name of a destination.
	 * @param destination where the message goes or came from, empty if unknown
	 * @return the operation followed by the destination, or the operation alone
	 */
	String of(String destination) {
		if (destination.isEmpty()) {
			return this.operation;
		}
		String name = this.names.get(destination);
		if (name == null) {
			name = this.prefix + destination;
			if (this.names.size() < MAX_CACHED) {
				this.names.putIfAbsent(destination, name);
			}
		}
		return name;
	}

}
