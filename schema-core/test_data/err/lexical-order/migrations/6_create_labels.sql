CREATE TABLE labels (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE
);
