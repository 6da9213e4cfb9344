package io.github.distrace.autoconfigure.sdk.sampling;

/**
 * Why the tail decision gave up a local root before it ended: its spans, and every span
 * of it that ends later, are dropped and counted under this reason.
 *
 * @author distrace
 */
enum GiveUpReason {

	/**
	 * More spans were held than {@code distrace.sampler.keep.max-buffered-spans}.
	 */
	BUFFER_FULL,

	/**
	 * The spans held took more than {@code distrace.sampler.keep.max-memory}.
	 */
	MEMORY_FULL,

	/**
	 * The local root span was still open after
	 * {@code distrace.sampler.keep.max-duration}.
	 */
	ROOT_NEVER_ENDED

}
