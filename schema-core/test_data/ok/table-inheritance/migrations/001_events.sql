CREATE TABLE events (id bigint, happened_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE click_events (target text) INHERITS (events);
ALTER TABLE events ADD COLUMN source text;
CREATE INDEX click_events_source_idx ON click_events (source);
