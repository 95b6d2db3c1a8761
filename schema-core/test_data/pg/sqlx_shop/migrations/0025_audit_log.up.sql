CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    actor_id integer REFERENCES users (id) ON DELETE SET NULL,
    action text NOT NULL,
    target_table text NOT NULL,
    payload jsonb,
    recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_target_idx ON audit_log (target_table, recorded_at DESC);
CREATE INDEX audit_log_payload_idx ON audit_log USING gin (payload jsonb_path_ops);

ALTER TABLE products RENAME CONSTRAINT products_sku_key TO products_sku_unique;
