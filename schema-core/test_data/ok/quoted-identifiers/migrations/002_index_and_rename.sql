CREATE UNIQUE INDEX "UserAccounts_email_idx" ON "UserAccounts" ("Email Address");
ALTER TABLE "UserAccounts" ADD COLUMN "DisplayName" text;
ALTER TABLE "UserAccounts" RENAME COLUMN "createdAt" TO created_at;
CREATE INDEX orders_total_idx ON orders (total);
ALTER TABLE ORDERS ADD CONSTRAINT "Orders_Total_Positive" CHECK (total >= 0);
COMMENT ON COLUMN "UserAccounts"."DisplayName" IS 'shown in the header';
INSERT INTO "UserAccounts" ("Email Address", "DisplayName") VALUES ('admin@example.com', 'Admin');
