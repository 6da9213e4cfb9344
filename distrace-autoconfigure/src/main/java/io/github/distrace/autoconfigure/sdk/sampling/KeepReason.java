package io.github.distrace.autoconfigure.sdk.sampling;

import java.util.Locale;

/**
 * Why a trace the head sampler did not sample was exported: the value of
 * {@code distrace.sampling.kept} on its local root span. When several apply, the first in
 * this order is recorded.
 *
 * @author distrace
 */
public enum KeepReason {

	/**
	 * One of its spans here ended in error.
	 */
	ERROR,

	/**
	 * Its local root lasted at least {@code distrace.sampler.keep.slower-than}.
	 */
	SLOW,

	/**
	 * An N+1 was found in it.
	 */
	N_PLUS_ONE;

	private final String value = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the attribute value, such as {@code n_plus_one}.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

}
