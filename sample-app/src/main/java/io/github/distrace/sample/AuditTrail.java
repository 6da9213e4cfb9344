package io.github.distrace.sample;

import java.util.concurrent.CompletableFuture;

import io.github.distrace.SpanTag;
import io.github.distrace.Traced;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * An {@code @Async} step: it runs on another thread, in the same trace, with the same
 * baggage.
 */
@Service
class AuditTrail {

	private static final Log logger = LogFactory.getLog(AuditTrail.class);

	@Async
	@Traced
	CompletableFuture<Void> record(@SpanTag("order.id") long id) {
		logger.info("Audited access to order " + id);
		return CompletableFuture.completedFuture(null);
	}

}
