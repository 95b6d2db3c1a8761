-- PostgreSQL cannot drop enum values.
SELECT 1;
