package io.github.distrace.autoconfigure.sdk.internal;

import io.opentelemetry.context.Context;

/**
 * What a feature adds to the context of work that starts a local root outside an HTTP
 * request, such as a consumed message: the baggage feature gives it a place for baggage
 * changes, as its filters give each request. A bean, so that the messaging feature and
 * the baggage feature need not know each other.
 *
 * @author distrace
 */
@FunctionalInterface
public interface LocalRootContext {

	/**
	 * Adds nothing: no feature has anything to add.
	 */
	LocalRootContext NONE = (context) -> context;

	/**
	 * Returns the context in which the work runs.
	 * @param context the context the work starts in, its span included
	 * @return that context with what the feature adds
	 */
	Context open(Context context);

}
