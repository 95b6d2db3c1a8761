CREATE TABLE IF NOT EXISTS users (
    id bigserial PRIMARY KEY,
    email varchar(320),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz
);
