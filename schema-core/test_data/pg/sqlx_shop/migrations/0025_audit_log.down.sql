ALTER TABLE products RENAME CONSTRAINT products_sku_unique TO products_sku_key;
DROP TABLE audit_log;
