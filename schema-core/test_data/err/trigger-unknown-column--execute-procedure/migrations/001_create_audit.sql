CREATE TABLE documents (
    id serial PRIMARY KEY,
    body text NOT NULL
);
CREATE OR REPLACE FUNCTION stamp_modified() RETURNS trigger AS $$
BEGIN
    NEW.modified_by = current_user;
    NEW.modified_at = now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- The pre-PostgreSQL 11 spelling, still accepted (diesel's helper uses it).
CREATE TRIGGER documents_stamp BEFORE INSERT OR UPDATE ON documents
    FOR EACH ROW EXECUTE PROCEDURE stamp_modified();
