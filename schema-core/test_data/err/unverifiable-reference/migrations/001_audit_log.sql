DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'audit_log') THEN
        EXECUTE 'CREATE TABLE audit_log (id bigint PRIMARY KEY, note text)';
    END IF;
END $$;
