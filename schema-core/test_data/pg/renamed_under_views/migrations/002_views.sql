-- Views written against the names of 001; 003 renames what they read.
CREATE VIEW account_emails AS
    SELECT id, email FROM accounts WHERE email LIKE '%@%' ORDER BY email;
CREATE VIEW order_totals AS
    SELECT a.email, sum(o.total) AS total
    FROM accounts AS a JOIN orders AS o ON o.account_id = a.id
    GROUP BY a.email;
CREATE VIEW all_accounts AS SELECT * FROM accounts;
CREATE VIEW account_names AS SELECT accounts.id, accounts.full_name FROM accounts;
CREATE VIEW big_orders AS SELECT account_id, total FROM orders WHERE total > 100;
-- A view over a view: `account_emails` keeps its column `email` through the renames.
CREATE VIEW email_domains AS
    SELECT split_part(email, '@', 2) AS domain FROM account_emails;
-- `*` is expanded when a view is created: columns added later are not in it.
CREATE VIEW order_rows AS SELECT * FROM orders;
