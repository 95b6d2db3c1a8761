CREATE TABLE notifications (
    id BIGSERIAL PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind VARCHAR(40) NOT NULL,
    payload JSONB NOT NULL DEFAULT '{}'::jsonb,
    read_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE INDEX notifications_unread_idx ON notifications (account_id, created_at DESC) WHERE read_at IS NULL;
CREATE INDEX notifications_payload_idx ON notifications USING GIN (payload);

SELECT diesel_manage_updated_at('notifications');
