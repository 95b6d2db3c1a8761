ALTER TABLE orders
    ALTER COLUMN placed_at DROP NOT NULL,
    ALTER COLUMN placed_at DROP DEFAULT,
    ALTER COLUMN placed_at TYPE timestamp USING placed_at AT TIME ZONE 'UTC';
