package io.github.distrace.sample.reactive;

/**
 * A line of an order.
 *
 * @param sku the article
 * @param quantity how many
 */
public record OrderLine(String sku, int quantity) {

}
