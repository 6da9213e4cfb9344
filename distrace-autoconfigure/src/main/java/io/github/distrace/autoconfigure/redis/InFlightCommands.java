package io.github.distrace.autoconfigure.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The commands of each parent span that await their reply, to tell commands that share
 * round trips from commands sent one after the other. A command sent while another
 * command of the same parent still awaits its reply is pipelined: a pipeline
 * ({@code executePipelined}), the commands queued in a transaction (which all complete at
 * {@code EXEC}), asynchronous commands sent together. Such commands are batched already,
 * so a loop of them is not an N+1. Commands that each wait for their reply before the
 * next is sent (a loop of {@code GET}s) never overlap.
 * <p>
 * Holds an entry per parent span with a command in flight, removed when its last command
 * completes (with a reply, a failure or a cancellation), so it holds no more than the
 * commands in flight.
 *
 * @author distrace
 */
final class InFlightCommands {

	private final Map<Object, Overlap> inFlight = new ConcurrentHashMap<>();

	/**
	 * Count a command of a parent that was just written.
	 * @param parent the parent span, compared by identity
	 * @return the overlap the command is part of, to be passed to {@link #completed}
	 */
	Overlap sent(Object parent) {
		return this.inFlight.compute(parent, (key, overlap) -> (overlap != null) ? overlap.join() : new Overlap());
	}

	/**
	 * Count a command as completed.
	 * @param parent the parent span it was sent under
	 * @param overlap what {@link #sent} returned for it
	 * @return whether another command of the parent was in flight at some time while it
	 * was
	 */
	boolean completed(Object parent, Overlap overlap) {
		this.inFlight.computeIfPresent(parent, (key, current) -> current.leave() ? null : current);
		return overlap.shared;
	}

	int size() {
		return this.inFlight.size();
	}

	/**
	 * Commands of one parent in flight together, from the first one sent to the last one
	 * completed. Changed only within the map's atomic updates of its entry.
	 */
	static final class Overlap {

		private int commands = 1;

		private volatile boolean shared;

		private Overlap join() {
			this.commands++;
			this.shared = true;
			return this;
		}

		/**
		 * Count one of the commands as completed.
		 * @return whether no command is left in flight
		 */
		private boolean leave() {
			return --this.commands == 0;
		}

	}

}
