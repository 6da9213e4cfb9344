CREATE TABLE IF NOT EXISTS warehouses (id INT PRIMARY KEY, name VARCHAR(40));
DELETE FROM warehouses;
INSERT INTO warehouses VALUES (1, 'north');
INSERT INTO warehouses VALUES (2, 'south');
INSERT INTO warehouses VALUES (3, 'east');
INSERT INTO warehouses VALUES (4, 'west');
INSERT INTO warehouses VALUES (5, 'centre');
INSERT INTO warehouses VALUES (6, 'harbour');
