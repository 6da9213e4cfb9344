package io.github.distrace.autoconfigure.messaging;

import java.util.function.UnaryOperator;

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
			// Not remove(): the thread's next message would then make a new entry in its
			// map of thread locals.
			this.current.set(null);
			scope.end(exception);
		}
	}

	/**
	 * Open the scope of a record or batch and run the application's interceptor, if any,
	 * inside it. The span ends at once when that interceptor throws or drops the record
	 * or batch: no listener runs for it.
	 * @param <T> the record or batch type
	 * @param scope the scope of the message's span
	 * @param message the record or batch
	 * @param interceptor the application's interceptor, or {@code null}
	 * @return what the listener receives
	 */
	<T> @Nullable T open(ConsumerScope scope, T message, @Nullable UnaryOperator<@Nullable T> interceptor) {
		open(scope);
		if (interceptor == null) {
			return message;
		}
		try {
			T intercepted = interceptor.apply(message);
			if (intercepted == null) {
				end(null);
			}
			return intercepted;
		}
		catch (RuntimeException | Error ex) {
			end(ex);
			throw ex;
		}
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
