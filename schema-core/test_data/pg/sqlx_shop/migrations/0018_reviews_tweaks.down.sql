DROP INDEX reviews_one_per_user_idx;
ALTER TABLE reviews ALTER COLUMN created_at SET DEFAULT now();
ALTER TABLE reviews ALTER COLUMN rating TYPE smallint;
ALTER TABLE reviews
    DROP COLUMN title,
    DROP COLUMN helpful_count,
    ADD CONSTRAINT reviews_one_per_user UNIQUE (product_id, user_id);
