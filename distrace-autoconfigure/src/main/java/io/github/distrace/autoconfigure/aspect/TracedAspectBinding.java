package io.github.distrace.autoconfigure.aspect;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Hands the woven {@link TracedAspect} the spans of this application context while it
 * runs. Load-time weaving is JVM-wide, so the last context started wins.
 *
 * @author distrace
 */
final class TracedAspectBinding implements SmartInitializingSingleton, DisposableBean {

	private final MethodSpans spans;

	TracedAspectBinding(MethodSpans spans) {
		this.spans = spans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		TracedAspect.bind(this.spans);
	}

	@Override
	public void destroy() {
		TracedAspect.bind(null);
	}

}
