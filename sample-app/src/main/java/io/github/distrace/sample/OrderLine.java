package io.github.distrace.sample;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A line of an order: a product and how many of it.
 */
@Entity
@Table(name = "order_lines")
class OrderLine {

	@Id
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "order_id")
	private PurchaseOrder order;

	private String product;

	private int quantity;

	protected OrderLine() {
	}

	int getQuantity() {
		return this.quantity;
	}

}
