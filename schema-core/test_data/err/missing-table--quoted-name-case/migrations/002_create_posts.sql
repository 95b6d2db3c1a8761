-- Unquoted names fold to lower case: `Users` here is `users`, not "Users".
CREATE TABLE posts (
    id bigserial PRIMARY KEY,
    author_id bigint NOT NULL REFERENCES Users ("Id")
);
