CREATE TABLE entries (
    id bigint PRIMARY KEY,
    audit_id bigint REFERENCES audit_log (id)
);
