DROP INDEX CONCURRENTLY tickets_by_title;
