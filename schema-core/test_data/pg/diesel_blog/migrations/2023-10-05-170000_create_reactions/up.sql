CREATE TYPE reaction_kind AS ENUM ('like', 'laugh', 'sad');

CREATE TABLE reactions (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    kind reaction_kind NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (account_id, post_id, kind)
);

ALTER TYPE reaction_kind ADD VALUE 'love' AFTER 'like';
