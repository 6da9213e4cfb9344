package io.github.distrace.autoconfigure.sdk.sampling;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

/**
 * One local root span (a request, a message, a job) and the spans below it in this
 * process, none of them sampled by the head sampler. The spans that end before the root
 * are held here until the root ends and the tail decision is made; the decision then
 * stays, for the spans that end later. Guarded by its own lock, which only the threads of
 * this one local root take, and never across an export.
 *
 * @author distrace
 */
final class LocalRoot {

	private static final long UNFINISHED = Long.MIN_VALUE;

	private final long order;

	private final long startNanos;

	private List<ReadableSpan> held = new ArrayList<>();

	private long heldBytes;

	private boolean error;

	private State state = State.UNDECIDED;

	private @Nullable GiveUpReason givenUpFor;

	// Written under the lock, read by the sweep without it.
	private volatile long finishedNanos = UNFINISHED;

	LocalRoot(long order, long startNanos) {
		this.order = order;
		this.startNanos = startNanos;
	}

	/**
	 * Return the start order among local roots, to give up the oldest first.
	 */
	long order() {
		return this.order;
	}

	long startNanos() {
		return this.startNanos;
	}

	/**
	 * Take a span below the root that ended.
	 * @param span the span
	 * @param error whether it ended in error (and the error rule is on)
	 * @param bytes the heap it holds, estimated
	 * @return the state the span found: {@link State#UNDECIDED} if it is held now
	 */
	synchronized State end(ReadableSpan span, boolean error, long bytes) {
		if (this.state == State.UNDECIDED) {
			this.held.add(span);
			this.heldBytes += bytes;
			this.error |= error;
		}
		return this.state;
	}

	/**
	 * Return whether the tail decision is still to be made: the root has not ended, and
	 * was not given up.
	 */
	synchronized boolean isUndecided() {
		return this.state == State.UNDECIDED;
	}

	/**
	 * Make the tail decision, as the root span ends: before anything is exported, so that
	 * a span ending meanwhile on another thread follows it.
	 * @param rootError whether the root span ended in error (and the error rule is on)
	 * @param slow whether the root lasted long enough to keep it
	 * @param nPlusOne whether an N+1 was found below it (and the N+1 rule is on)
	 * @return why it is kept, or {@code null} if it is dropped or was given up
	 */
	synchronized @Nullable KeepReason decide(boolean rootError, boolean slow, boolean nPlusOne) {
		if (this.state != State.UNDECIDED) {
			return null;
		}
		KeepReason reason = (this.error || rootError) ? KeepReason.ERROR
				: slow ? KeepReason.SLOW : nPlusOne ? KeepReason.N_PLUS_ONE : null;
		this.state = (reason != null) ? State.KEPT : State.DROPPED;
		return reason;
	}

	/**
	 * Hand on what was held, as the root span has ended.
	 * @param now the time
	 * @return the held spans, and the decision they follow
	 */
	synchronized Released rootEnded(long now) {
		if (this.state == State.UNDECIDED) {
			this.state = State.DROPPED; // no decision was made as it ended
		}
		return finish(now);
	}

	/**
	 * Give the local root up, dropping what it holds and every span of it that ends
	 * later.
	 * @param reason why
	 * @param now the time
	 * @return the spans it held, or {@code null} if it was decided already
	 */
	synchronized @Nullable Released giveUp(GiveUpReason reason, long now) {
		if (this.state != State.UNDECIDED) {
			return null;
		}
		this.state = State.GIVEN_UP;
		this.givenUpFor = reason;
		return finish(now);
	}

	synchronized @Nullable GiveUpReason givenUpFor() {
		return this.givenUpFor;
	}

	/**
	 * Return whether it was decided or given up before the given time, so that what is
	 * left of it (a span that never ended) can be forgotten.
	 */
	boolean finishedBefore(long nanos) {
		long finished = this.finishedNanos;
		return finished != UNFINISHED && finished - nanos < 0;
	}

	private Released finish(long now) {
		Released released = new Released(this.held, this.heldBytes, this.state);
		this.held = List.of();
		this.heldBytes = 0;
		this.finishedNanos = now;
		return released;
	}

	/**
	 * Where a local root stands.
	 */
	enum State {

		/**
		 * Its root is open; the spans that end are held.
		 */
		UNDECIDED,

		/**
		 * A keep rule held as the root ended: its spans are exported.
		 */
		KEPT,

		/**
		 * No keep rule held: its spans are dropped.
		 */
		DROPPED,

		/**
		 * Given up before its root ended: its spans are dropped and counted.
		 */
		GIVEN_UP

	}

	/**
	 * The spans that leave the buffer when a local root is decided or given up.
	 *
	 * @param spans the spans it held
	 * @param bytes the heap they hold, estimated
	 * @param state what they follow
	 */
	record Released(List<ReadableSpan> spans, long bytes, State state) {

	}

}
