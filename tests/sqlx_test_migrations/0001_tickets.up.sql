CREATE TABLE tickets (
    id bigserial PRIMARY KEY,
    title varchar(200) NOT NULL
);
