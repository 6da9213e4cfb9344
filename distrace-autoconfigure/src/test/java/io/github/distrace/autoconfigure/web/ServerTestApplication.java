package io.github.distrace.autoconfigure.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A Spring MVC application with the kinds of endpoints server spans must handle.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ServerTestApplication.ServerTestController.class)
class ServerTestApplication {

	static final String ASYNC_DONE = "test.async.done";

	@RestController
	static class ServerTestController {

		@GetMapping("/orders/{id}")
		String order(@PathVariable String id) {
			return "order " + id;
		}

		@GetMapping("/internal/ping")
		String ping() {
			return "pong";
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("boom");
		}

		@GetMapping("/handled")
		String handled() {
			throw new OrderRejectedException();
		}

		@GetMapping("/unavailable")
		ResponseEntity<String> unavailable() {
			return ResponseEntity.status(503).body("later");
		}

		@GetMapping("/tracestate")
		String traceState() {
			Map<String, String> headers = new LinkedHashMap<>();
			W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
			return headers.getOrDefault("tracestate", "");
		}

		@GetMapping("/headers/{name}")
		String headers(@PathVariable String name, HttpServletRequest request) {
			return String.join("\n", Collections.list(request.getHeaders(name)));
		}

		@GetMapping("/trace-id")
		String traceId() {
			return Span.current().getSpanContext().getTraceId();
		}

		@GetMapping("/async/callable")
		Callable<String> callable() {
			Span span = Span.current();
			return () -> finishLater(span);
		}

		@GetMapping("/async/deferred")
		DeferredResult<String> deferred() {
			Span span = Span.current();
			DeferredResult<String> result = new DeferredResult<>();
			new Thread(() -> result.setResult(finishLater(span))).start();
			return result;
		}

		@GetMapping("/async/future")
		CompletableFuture<String> future() {
			Span span = Span.current();
			return CompletableFuture.supplyAsync(() -> finishLater(span));
		}

		@GetMapping("/async/future-failed")
		CompletableFuture<String> futureFailed() {
			Span span = Span.current();
			return CompletableFuture.supplyAsync(() -> {
				finishLater(span);
				throw new IllegalStateException("async boom");
			});
		}

		@ExceptionHandler(OrderRejectedException.class)
		ResponseEntity<String> rejected(OrderRejectedException ex) {
			return ResponseEntity.status(500).body("rejected");
		}

		/**
		 * Marks the request's span after the first thread has returned: the mark is only
		 * exported if the span was still open, that is, ended when the response
		 * completed.
		 */
		private static String finishLater(Span span) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			span.setAttribute(ASYNC_DONE, true);
			return "done";
		}

	}

	static class OrderRejectedException extends RuntimeException {

	}

}
