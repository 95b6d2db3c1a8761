DROP INDEX products_attributes_gin;
ALTER TABLE products ADD COLUMN price_cents integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0);
ALTER TABLE products DROP COLUMN price, DROP COLUMN attributes, ALTER COLUMN description DROP NOT NULL;
