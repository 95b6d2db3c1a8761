SET search_path TO billing, public;
CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    invoice_id bigint NOT NULL REFERENCES invoices (id),
    paid_by bigint REFERENCES users (id),
    amount_cents bigint NOT NULL
);
ALTER TABLE invoices ADD COLUMN paid boolean NOT NULL DEFAULT false;
SET search_path TO public;
