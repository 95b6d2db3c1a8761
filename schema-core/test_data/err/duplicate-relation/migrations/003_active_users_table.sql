CREATE TABLE active_users (
    user_id bigint PRIMARY KEY REFERENCES users (id)
);
