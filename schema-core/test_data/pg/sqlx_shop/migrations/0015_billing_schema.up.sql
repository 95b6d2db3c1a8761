CREATE SCHEMA billing;

CREATE TYPE billing.invoice_state AS ENUM ('draft', 'open', 'paid', 'void');

CREATE TABLE billing.customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id integer NOT NULL UNIQUE REFERENCES public.users (id),
    stripe_customer_id text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE billing.invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES billing.customers (id) ON DELETE CASCADE,
    order_id integer REFERENCES public.orders (id) ON DELETE SET NULL,
    state billing.invoice_state NOT NULL DEFAULT 'draft',
    amount numeric(12, 2) NOT NULL,
    issued_at timestamptz,
    CONSTRAINT invoices_amount_nonnegative CHECK (amount >= 0)
);

CREATE INDEX invoices_open_idx ON billing.invoices (customer_id) WHERE state = 'open';
