-- Written after the renames: copied as it is.
CREATE VIEW user_names AS SELECT id, display_name FROM users;
