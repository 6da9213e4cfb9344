package io.github.distrace.autoconfigure.aspect;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.github.distrace.SpanTag;
import io.github.distrace.Traced;
import io.opentelemetry.api.trace.SpanKind;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Beans with {@code @Traced} methods in every shape the aspect supports.
 */
final class TracedBeans {

	private TracedBeans() {
	}

	static class Greeter {

		@Traced
		String greet(@SpanTag("greeting.name") @Nullable String name) {
			return "Hello " + name;
		}

		@Traced(value = "outbound", kind = SpanKind.CLIENT)
		void call(@SpanTag("count") int count, @SpanTag("flag") boolean flag, String notTagged) {
		}

		@Traced
		void fail() throws IOException {
			throw new IOException("disk on fire");
		}

		@Traced
		Mono<String> mono(Mono<String> result) {
			return result;
		}

		@Traced
		Flux<String> flux(Flux<String> result) {
			return result;
		}

		@Traced
		CompletableFuture<String> later(CompletableFuture<String> result) {
			return result;
		}

		// Declared to return Object: whether the result is a stage is asked of each call.
		@Traced
		Object laterAsObject(CompletableFuture<String> result) {
			return result;
		}

		@Traced
		long count() {
			return 42;
		}

		@Traced
		String outer(Greeter self) {
			return self.greet("inner");
		}

		String notTraced() {
			return "plain";
		}

	}

	@Traced
	static class TracedType {

		public String first() {
			return "first";
		}

		String packagePrivate() {
			return "package";
		}

	}

	interface Repository {

		@Traced("Repository.find")
		String find(@SpanTag("id") long id);

		CompletionStage<String> findAsync(long id);

	}

	static class JdbcRepository implements Repository {

		@Override
		public String find(long id) {
			return "row " + id;
		}

		@Override
		@Traced
		public CompletionStage<String> findAsync(long id) {
			return CompletableFuture.failedFuture(new IllegalStateException("gone " + id));
		}

	}

	/**
	 * A traced method that two beans inherit: each span is named after its own bean's
	 * class.
	 */
	abstract static class Job {

		@Traced
		public String run() {
			return "done";
		}

	}

	static class CleanupJob extends Job {

	}

	static class ReportJob extends Job {

	}

}
