-- Dropped first: the in-memory database outlives an application context in the same JVM (a test's).
DROP TABLE IF EXISTS order_lines;
DROP TABLE IF EXISTS orders;

CREATE TABLE orders (
	id BIGINT PRIMARY KEY,
	customer VARCHAR(100) NOT NULL,
	status VARCHAR(20) NOT NULL,
	total DECIMAL(10, 2) NOT NULL
);

CREATE TABLE order_lines (
	id BIGINT AUTO_INCREMENT PRIMARY KEY,
	order_id BIGINT NOT NULL REFERENCES orders (id),
	sku VARCHAR(40) NOT NULL,
	quantity INT NOT NULL
);
