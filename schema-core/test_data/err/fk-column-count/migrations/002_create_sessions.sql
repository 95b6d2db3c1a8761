CREATE TABLE sessions (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    user_email text NOT NULL,
    FOREIGN KEY (user_id, user_email) REFERENCES users (id)
);
