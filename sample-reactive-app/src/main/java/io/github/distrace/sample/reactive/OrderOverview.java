package io.github.distrace.sample.reactive;

import java.util.List;

/**
 * An order with its lines, for the overview.
 *
 * @param order the order
 * @param lines its lines
 */
public record OrderOverview(Order order, List<OrderLine> lines) {

}
