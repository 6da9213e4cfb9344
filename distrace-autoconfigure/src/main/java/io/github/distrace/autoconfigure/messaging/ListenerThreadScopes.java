package io.github.distrace.autoconfigure.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.ThreadStateProcessor;

/**
 * The consumer span open on each Kafka listener thread: the container announces a record
 * in one call and its end in another ({@code intercept}, then {@code afterRecord}). A
 * span that a container never announced the end of is ended when the thread's next
 * message arrives, so that no scope outlives its message.
 *
 * @author distrace
 */
final class ListenerThreadScopes {

	private final ThreadLocal<@Nullable ConsumerScope> current = new ThreadLocal<>();

	void open(ConsumerScope scope) {
		end(null);
		this.current.set(scope);
	}

	void failed(Exception exception) {
		ConsumerScope scope = this.current.get();
		if (scope != null) {
			scope.failed(exception);
		}
	}

	void end(@Nullable Throwable exception) {
		ConsumerScope scope = this.current.get();
		if (scope != null) {
			this.current.remove();
			scope.end(exception);
		}
	}

	/**
	 * End the span when the application's interceptor dropped the record or batch: no
	 * listener runs for it.
	 * @param <T> the record or batch type
	 * @param intercepted what the application's interceptor returned
	 * @return the same
	 */
	<T> @Nullable T intercepted(@Nullable T intercepted) {
		if (intercepted == null) {
			end(null);
		}
		return intercepted;
	}

	void setUp(@Nullable ThreadStateProcessor delegate, Consumer<?, ?> consumer) {
		if (delegate != null) {
			delegate.setupThreadState(consumer);
		}
	}

	/**
	 * Let the application's interceptor clear its state, then end a span the container
	 * did not announce the end of.
	 * @param delegate the application's interceptor, if any
	 * @param consumer the listener's consumer
	 */
	void clear(@Nullable ThreadStateProcessor delegate, Consumer<?, ?> consumer) {
		try {
			if (delegate != null) {
				delegate.clearThreadState(consumer);
			}
		}
		finally {
			end(null);
		}
	}

}
