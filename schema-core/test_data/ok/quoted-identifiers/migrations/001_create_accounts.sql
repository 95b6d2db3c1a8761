CREATE TABLE "UserAccounts" (
    "Id" serial PRIMARY KEY,
    "Email Address" text NOT NULL,
    "createdAt" timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE Orders (
    ID serial PRIMARY KEY,
    "AccountId" integer NOT NULL REFERENCES "UserAccounts" ("Id"),
    Total numeric(10, 2) NOT NULL
);
