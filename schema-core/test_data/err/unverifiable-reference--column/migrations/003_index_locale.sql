CREATE INDEX users_locale_idx ON users (locale);
