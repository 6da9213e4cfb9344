package io.github.distrace.autoconfigure.insight;

import java.util.List;

/**
 * The N+1s to tell the application about: those reported one by one, and how many more
 * were found beyond the bound on reports per local root.
 *
 * @param reported the N+1s reported one by one
 * @param unreported how many more were found
 * @author distrace
 */
record NPlusOnes(List<Detection> reported, long unreported) {

	boolean isEmpty() {
		return this.reported.isEmpty() && this.unreported == 0;
	}

}
