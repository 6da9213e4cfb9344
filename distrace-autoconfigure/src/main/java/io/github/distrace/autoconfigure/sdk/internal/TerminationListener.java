package io.github.distrace.autoconfigure.sdk.internal;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.SignalType;

/**
 * What a {@link ContextScopedMono} or {@link ContextScopedFlux} tells as its source ends:
 * once, for whichever comes first of its terminal signal and its cancellation.
 *
 * @author distrace
 */
public interface TerminationListener {

	/**
	 * A listener that does nothing: the context alone is carried.
	 */
	TerminationListener NONE = new TerminationListener() {
	};

	/**
	 * Called as the source completes or fails, before its subscriber hears of it; for a
	 * {@code Mono} with an item, before its subscriber receives the item.
	 * @param failure the error the source signalled, or {@code null} if it completed
	 */
	default void terminating(@Nullable Throwable failure) {
	}

	/**
	 * Called after the subscriber heard of the source's last signal, or after the source
	 * was cancelled.
	 * @param signal {@link SignalType#ON_COMPLETE}, {@link SignalType#ON_ERROR} or
	 * {@link SignalType#CANCEL}
	 */
	default void terminated(SignalType signal) {
	}

}
