ALTER TABLE orders
    ALTER COLUMN placed_at TYPE timestamptz USING placed_at AT TIME ZONE 'UTC',
    ALTER COLUMN placed_at SET DEFAULT now(),
    ALTER COLUMN placed_at SET NOT NULL;
