DELETE FROM orders WHERE id BETWEEN 1 AND 5;
INSERT INTO orders (id, customer, status, total) VALUES (1, 'Ada', 'NEW', 42.50);
INSERT INTO orders (id, customer, status, total) VALUES (2, 'Grace', 'PAID', 19.99);
INSERT INTO orders (id, customer, status, total) VALUES (3, 'Linus', 'SHIPPED', 120.00);
INSERT INTO orders (id, customer, status, total) VALUES (4, 'Barbara', 'NEW', 7.25);
INSERT INTO orders (id, customer, status, total) VALUES (5, 'Ken', 'PAID', 64.00);
