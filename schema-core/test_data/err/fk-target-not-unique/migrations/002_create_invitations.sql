CREATE TABLE invitations (
    id bigserial PRIMARY KEY,
    inviter_email text NOT NULL REFERENCES users (email)
);
