package io.github.distrace.autoconfigure.aspect;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the {@link io.github.distrace.Traced @Traced} aspect.
 *
 * @author distrace
 */
@ConfigurationProperties("distrace.aspect")
public class DistraceAspectProperties {

	/**
	 * Whether methods annotated with @Traced are traced, and each run of a @Scheduled
	 * method starts a new trace.
	 */
	private boolean enabled = true;

	/**
	 * How @Traced methods are intercepted: 'proxy' through Spring AOP proxies, or
	 * 'aspectj' through AspectJ load-time weaving of TracedAspect, which also covers
	 * calls from inside the same object and private methods.
	 */
	private Mode mode = Mode.PROXY;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	/**
	 * How {@code @Traced} methods are intercepted.
	 */
	public enum Mode {

		/**
		 * Spring AOP proxies: calls through the bean reference are traced.
		 */
		PROXY,

		/**
		 * AspectJ load-time weaving: every call, including calls within the object.
		 */
		ASPECTJ

	}

}
