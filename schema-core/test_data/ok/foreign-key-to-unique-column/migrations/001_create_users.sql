CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    tenant_id integer NOT NULL,
    handle text NOT NULL,
    CONSTRAINT users_tenant_handle_key UNIQUE (tenant_id, handle)
);
CREATE TABLE countries (
    id serial PRIMARY KEY,
    iso_code char(2) NOT NULL
);
CREATE UNIQUE INDEX countries_iso_code_idx ON countries (iso_code);
