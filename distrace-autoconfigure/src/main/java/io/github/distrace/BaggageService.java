package io.github.distrace;

import java.util.Map;
import java.util.Optional;

/**
 * W3C baggage of the current request: key-value pairs that travel with the trace to every
 * service it reaches.
 * <p>
 * Inside a request, a value set is seen by later calls in the same request, by spans
 * started afterwards (see {@code distrace.baggage.span-attributes}) and by outgoing HTTP
 * calls, as the {@code baggage} header; it never reaches another request. Baggage that
 * arrived with the request is readable here. Work that the request hands to an executor
 * shares the request's baggage. Outside a request baggage can be read, and a change
 * throws an {@link IllegalStateException}.
 * <p>
 * Keys must be HTTP tokens (letters, digits and {@code !#$%&'*+-.^_`|~}); values may be
 * any string and are percent-encoded on the wire. At most 64 entries and 8192 bytes
 * encoded, as the W3C recommendation says. A call that breaks these rules throws an
 * {@link IllegalArgumentException} and changes nothing.
 *
 * @author distrace
 */
public interface BaggageService {

	/**
	 * Sets one value.
	 * @param key the key
	 * @param value the value
	 * @throws IllegalArgumentException if the key or value is invalid or the baggage
	 * would exceed the W3C limits
	 * @throws IllegalStateException outside a request
	 */
	void setValue(String key, String value);

	/**
	 * Sets several values at once, each as {@link String#valueOf(Object)}.
	 * @param values the values by key
	 * @throws IllegalArgumentException if a key or value is invalid or the baggage would
	 * exceed the W3C limits; then none is set
	 * @throws IllegalStateException outside a request
	 */
	void setMap(Map<String, ?> values);

	/**
	 * Returns a snapshot of the current baggage.
	 * @return the values by key, never modified by later changes
	 */
	Map<String, String> getMap();

	/**
	 * Returns one value of the current baggage.
	 * @param key the key
	 * @return the value, or empty when the key is not set
	 */
	Optional<String> getValue(String key);

	/**
	 * Removes one value; nothing happens when the key is not set.
	 * @param key the key
	 * @throws IllegalStateException outside a request
	 */
	void remove(String key);

}
