-- Backfill in batches so the table is never locked for long.
DO $$
DECLARE
    batch_rows integer;
BEGIN
    LOOP
        UPDATE users SET email_normalized = lower(trim(email))
        WHERE id IN (
            SELECT id FROM users WHERE email_normalized IS NULL LIMIT 1000
        );
        GET DIAGNOSTICS batch_rows = ROW_COUNT;
        EXIT WHEN batch_rows = 0;
    END LOOP;
END
$$;
ALTER TABLE users ALTER COLUMN email_normalized SET NOT NULL;
CREATE UNIQUE INDEX users_email_normalized_key ON users (email_normalized);
