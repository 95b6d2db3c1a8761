ALTER TABLE reviews
    ADD COLUMN title varchar(120),
    ADD COLUMN helpful_count integer NOT NULL DEFAULT 0,
    DROP CONSTRAINT reviews_one_per_user;

ALTER TABLE reviews ALTER COLUMN rating TYPE integer;
ALTER TABLE reviews ALTER COLUMN created_at DROP DEFAULT;

CREATE UNIQUE INDEX reviews_one_per_user_idx ON reviews (product_id, user_id) WHERE user_id IS NOT NULL;
