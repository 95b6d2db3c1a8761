CREATE FUNCTION log_user_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE NOTICE 'user % changed', NEW.id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER users_audit AFTER UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION log_user_change();
