package io.github.distrace.sample.reactive;

import java.math.BigDecimal;

/**
 * An order, as the {@code orders} table holds it.
 *
 * @param id the id
 * @param customer who ordered
 * @param status {@code NEW}, {@code PAID} or {@code SHIPPED}
 * @param total the amount
 */
public record Order(long id, String customer, String status, BigDecimal total) {

}
