package io.github.distrace.sample;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/**
 * An order as a JPA entity, with its lines as a lazy collection: reading the lines of
 * many orders one by one is the classic N+1 that distrace finds.
 */
@Entity
@Table(name = "orders")
class PurchaseOrder {

	@Id
	private Long id;

	private String customer;

	@OneToMany(mappedBy = "order")
	private List<OrderLine> lines = new ArrayList<>();

	protected PurchaseOrder() {
	}

	Long getId() {
		return this.id;
	}

	String getCustomer() {
		return this.customer;
	}

	List<OrderLine> getLines() {
		return this.lines;
	}

}
