CREATE TABLE users (
    id bigserial PRIMARY KEY,
    name text NOT NULL
);

INSERT INTO users (name) VALUES ('O''Brien');
INSERT INTO users (name) VALUES ('D''Arcy);
