package io.github.distrace.sample;

import java.math.BigDecimal;

/**
 * An order, a row of the {@code orders} table.
 *
 * @param id the order id
 * @param customer who placed it
 * @param status NEW, PAID or SHIPPED
 * @param total the amount
 */
record Order(long id, String customer, String status, BigDecimal total) {

}
