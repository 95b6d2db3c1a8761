CREATE SEQUENCE billing.invoice_number_seq START WITH 1000;

ALTER TABLE billing.invoices
    ADD COLUMN number bigint NOT NULL DEFAULT nextval('billing.invoice_number_seq');

ALTER SEQUENCE billing.invoice_number_seq OWNED BY billing.invoices.number;

ALTER TABLE billing.invoices ADD CONSTRAINT invoices_number_key UNIQUE (number);
