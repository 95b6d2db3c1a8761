CREATE TABLE "Users" (
    "Id" bigserial PRIMARY KEY,
    "Email" text NOT NULL
);
