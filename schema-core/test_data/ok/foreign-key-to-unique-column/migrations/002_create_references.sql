CREATE TABLE invitations (
    id bigserial PRIMARY KEY,
    inviter_email text NOT NULL REFERENCES users (email) ON UPDATE CASCADE,
    country_code char(2) REFERENCES countries (iso_code)
);
CREATE TABLE mentions (
    id bigserial PRIMARY KEY,
    tenant_id integer NOT NULL,
    handle text NOT NULL,
    FOREIGN KEY (handle, tenant_id) REFERENCES users (handle, tenant_id)
);
