package io.github.distrace.sample;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Orders through Spring Data JPA.
 */
interface PurchaseOrders extends JpaRepository<PurchaseOrder, Long> {

	/**
	 * Every order with its lines, in one query.
	 * @return the orders, by id
	 */
	@Query("select distinct o from PurchaseOrder o left join fetch o.lines order by o.id")
	List<PurchaseOrder> findAllWithLines();

}
