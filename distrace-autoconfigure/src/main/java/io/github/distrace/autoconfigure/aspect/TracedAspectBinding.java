package io.github.distrace.autoconfigure.aspect;

import java.lang.reflect.InvocationTargetException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Hands the woven {@link TracedAspect} the spans of this application context while it
 * runs. Load-time weaving is JVM-wide, so the last context started wins. Without
 * AspectJ's weaving agent nothing is woven and no {@code @Traced} method is traced, which
 * would otherwise go unnoticed: a warning says so.
 *
 * @author distrace
 */
final class TracedAspectBinding implements SmartInitializingSingleton, DisposableBean {

	private static final Log logger = LogFactory.getLog(TracedAspectBinding.class);

	private static final String WEAVER_AGENT = "org.aspectj.weaver.loadtime.Agent";

	private final MethodSpans spans;

	TracedAspectBinding(MethodSpans spans) {
		this.spans = spans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		TracedAspect.bind(this.spans);
		if (!weaverAgentRunning()) {
			logger.warn("distrace.aspect.mode=aspectj, but AspectJ's weaving agent is not running, so no @Traced "
					+ "method is traced: start the JVM with -javaagent:/path/to/aspectjweaver.jar and list "
					+ TracedAspect.class.getName() + " in META-INF/aop.xml, or remove distrace.aspect.mode to "
					+ "trace through proxies.");
		}
	}

	@Override
	public void destroy() {
		TracedAspect.bind(null);
	}

	/**
	 * Whether the JVM was started with AspectJ's agent: its class is on the system class
	 * path then, and holds the instrumentation the JVM handed it.
	 * @return whether the agent runs
	 */
	static boolean weaverAgentRunning() {
		try {
			Class<?> agent = Class.forName(WEAVER_AGENT, false, ClassLoader.getSystemClassLoader());
			return agent.getMethod("getInstrumentation").invoke(null) != null;
		}
		catch (InvocationTargetException ex) {
			// "not started with preMain -javaagent": the jar is there, the agent is not.
			return false;
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return false;
		}
	}

}
