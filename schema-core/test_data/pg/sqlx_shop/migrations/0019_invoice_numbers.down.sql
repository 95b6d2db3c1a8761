ALTER TABLE billing.invoices DROP COLUMN number;
