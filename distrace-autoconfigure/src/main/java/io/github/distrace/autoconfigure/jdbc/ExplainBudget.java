package io.github.distrace.autoconfigure.jdbc;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How many plans may still be requested: a token bucket that holds at most a minute's
 * worth and refills evenly, shared by every data source, so that a database that turns
 * slow is not asked for a plan by every one of its slow statements.
 *
 * @author distrace
 */
final class ExplainBudget {

	private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

	private final LongSupplier nanoClock;

	private final long nanosPerPlan;

	private final long capacity;

	// Time credited, in nanoseconds: a plan costs nanosPerPlan of it.
	private long credit;

	private long refilledAt;

	ExplainBudget(int perMinute) {
		this(perMinute, System::nanoTime);
	}

	ExplainBudget(int perMinute, LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
		this.nanosPerPlan = MINUTE / perMinute;
		this.capacity = this.nanosPerPlan * perMinute;
		this.credit = this.capacity;
		this.refilledAt = nanoClock.getAsLong();
	}

	/**
	 * Take one plan from the budget.
	 * @return whether a plan may be requested now
	 */
	synchronized boolean tryTake() {
		long now = this.nanoClock.getAsLong();
		this.credit = Math.min(this.capacity, this.credit + Math.max(0, now - this.refilledAt));
		this.refilledAt = now;
		if (this.credit < this.nanosPerPlan) {
			return false;
		}
		this.credit -= this.nanosPerPlan;
		return true;
	}

}
