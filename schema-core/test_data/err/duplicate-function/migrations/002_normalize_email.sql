CREATE FUNCTION normalize_email(address text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim(address)) $$;
