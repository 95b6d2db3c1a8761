DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_name = 'users' AND column_name = 'locale'
    ) THEN
        ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en';
    END IF;
END
$$;
