CREATE TABLE sponsorships (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    amount NUMERIC(10,2) NOT NULL CHECK (amount > 0),
    currency CHAR(3) NOT NULL DEFAULT 'EUR',
    started_on DATE NOT NULL DEFAULT CURRENT_DATE,
    ended_on DATE,
    CONSTRAINT sponsorships_dates CHECK (ended_on IS NULL OR ended_on >= started_on)
);
