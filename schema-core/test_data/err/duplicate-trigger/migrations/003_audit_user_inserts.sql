CREATE TRIGGER users_audit AFTER INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION log_user_change();
