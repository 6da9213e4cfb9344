package io.github.distrace.autoconfigure.jdbc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explain rate limit, on a clock the test moves.
 */
class ExplainBudgetTests {

	private final AtomicLong now = new AtomicLong(123_456_789L);

	@Test
	void aMinutesWorthIsAvailableAtOnceThenNoMore() {
		ExplainBudget budget = new ExplainBudget(3, this.now::get);
		assertThat(budget.tryTake()).isTrue();
		assertThat(budget.tryTake()).isTrue();
		assertThat(budget.tryTake()).isTrue();
		assertThat(budget.tryTake()).isFalse();
	}

	@Test
	void refillsEvenlyAndNeverAboveAMinutesWorth() {
		ExplainBudget budget = new ExplainBudget(2, this.now::get);
		assertThat(budget.tryTake()).isTrue();
		assertThat(budget.tryTake()).isTrue();
		advance(29);
		assertThat(budget.tryTake()).isFalse();
		advance(1);
		assertThat(budget.tryTake()).isTrue();
		assertThat(budget.tryTake()).isFalse();
		advance(3600);
		assertThat(budget.tryTake()).isTrue();
		assertThat(budget.tryTake()).isTrue();
		assertThat(budget.tryTake()).isFalse();
	}

	private void advance(long seconds) {
		this.now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
	}

}
