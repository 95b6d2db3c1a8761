DROP TRIGGER projects_touch ON projects;
CREATE TRIGGER projects_touch BEFORE UPDATE OF name ON projects
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
