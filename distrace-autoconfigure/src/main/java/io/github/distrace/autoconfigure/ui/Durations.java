package io.github.distrace.autoconfigure.ui;

import java.util.Arrays;

/**
 * The durations of one row of the viewer's statistics, in nanoseconds, and their
 * percentiles. Lives only while one request to the viewer computes its answer.
 *
 * @author distrace
 */
final class Durations {

	private long[] values = new long[8];

	private int count;

	private long total;

	private boolean sorted = true;

	void add(long nanos) {
		if (this.count == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.count * 2);
		}
		this.values[this.count++] = nanos;
		this.total += nanos;
		this.sorted = false;
	}

	int count() {
		return this.count;
	}

	long total() {
		return this.total;
	}

	double mean() {
		return (this.count > 0) ? (double) this.total / this.count : 0;
	}

	long max() {
		return percentile(100);
	}

	/**
	 * Return a percentile by the nearest-rank method: the smallest recorded duration that
	 * at least {@code percent} percent of the durations do not exceed. Always one of the
	 * recorded durations, so a p95 of a few requests is a real request's time.
	 * @param percent the percentile, 1 to 100
	 * @return the duration in nanoseconds, or 0 if none was added
	 */
	long percentile(int percent) {
		if (this.count == 0) {
			return 0;
		}
		if (!this.sorted) {
			Arrays.sort(this.values, 0, this.count);
			this.sorted = true;
		}
		// In whole numbers: 95 / 100.0 * 20 is not exactly 19 in floating point.
		int rank = (int) ((percent * (long) this.count + 99) / 100);
		return this.values[Math.max(0, rank - 1)];
	}

}
