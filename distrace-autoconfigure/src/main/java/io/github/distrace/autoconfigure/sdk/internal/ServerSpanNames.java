package io.github.distrace.autoconfigure.sdk.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of server spans with a route, such as {@code GET /orders/{id}}, made once per
 * method and route instead of at the end of every request. Routes are the patterns the
 * application maps, so there are few of them; past {@link #MAX_ROUTES} for a method the
 * name is made each time, so that nothing grows without bound.
 *
 * @author distrace
 */
public final class ServerSpanNames {

	private static final int MAX_ROUTES = 1000;

	// Keyed by the name's method part: the known methods and "HTTP" for the rest.
	private final Map<String, Map<String, String>> byMethod = new ConcurrentHashMap<>();

	/**
	 * Return the name of a server span.
	 * @param method the method part of the name, from {@link HttpMethods#spanName}
	 * @param route the route
	 * @return the name
	 */
	public String name(String method, String route) {
		Map<String, String> names = this.byMethod.computeIfAbsent(method, (key) -> new ConcurrentHashMap<>());
		String name = names.get(route);
		if (name == null) {
			name = method + " " + route;
			if (names.size() < MAX_ROUTES) {
				names.putIfAbsent(route, name);
			}
		}
		return name;
	}

}
