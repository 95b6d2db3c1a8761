CREATE SCHEMA billing;
CREATE TABLE billing.customers (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES public.users (id)
);
CREATE TABLE billing.invoices (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES billing.customers (id),
    issued_at date NOT NULL
);
CREATE INDEX invoices_issued_at_idx ON billing.invoices (issued_at);
