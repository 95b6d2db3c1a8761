CREATE TABLE people (
    id bigserial PRIMARY KEY,
    full_name text NOT NULL
);
