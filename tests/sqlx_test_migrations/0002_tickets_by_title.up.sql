-- Only statements that cannot run in a transaction: runs without one, no marker needed.
CREATE INDEX CONCURRENTLY tickets_by_title ON tickets (title);
