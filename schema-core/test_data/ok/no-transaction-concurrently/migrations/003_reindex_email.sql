-- no-transaction
REINDEX INDEX CONCURRENTLY users_email_key;
