INSERT INTO orders (id, customer, status, total) VALUES (1, 'Ada', 'PAID', 42.50);
INSERT INTO orders (id, customer, status, total) VALUES (2, 'Grace', 'NEW', 19.99);
INSERT INTO orders (id, customer, status, total) VALUES (3, 'Linus', 'SHIPPED', 7.25);
INSERT INTO orders (id, customer, status, total) VALUES (4, 'Barbara', 'PAID', 99.00);
INSERT INTO orders (id, customer, status, total) VALUES (5, 'Edsger', 'NEW', 12.00);
INSERT INTO orders (id, customer, status, total) VALUES (6, 'Margaret', 'PAID', 64.10);

INSERT INTO order_lines (order_id, sku, quantity) VALUES (1, 'KB-101', 1);
INSERT INTO order_lines (order_id, sku, quantity) VALUES (1, 'MS-202', 2);
INSERT INTO order_lines (order_id, sku, quantity) VALUES (2, 'CB-303', 3);
INSERT INTO order_lines (order_id, sku, quantity) VALUES (3, 'KB-101', 1);
INSERT INTO order_lines (order_id, sku, quantity) VALUES (4, 'MN-404', 1);
INSERT INTO order_lines (order_id, sku, quantity) VALUES (5, 'CB-303', 2);
INSERT INTO order_lines (order_id, sku, quantity) VALUES (6, 'MS-202', 1);
