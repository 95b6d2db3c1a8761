ALTER TABLE products
    ADD COLUMN price numeric(12, 2),
    ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}',
    ALTER COLUMN description SET NOT NULL;

UPDATE products SET price = price_cents / 100.0;

ALTER TABLE products ALTER COLUMN price SET NOT NULL;
ALTER TABLE products DROP COLUMN price_cents;

CREATE INDEX products_attributes_gin ON products USING gin (attributes);
