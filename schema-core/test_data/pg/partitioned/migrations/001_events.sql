-- Range partitions with a default, list partitions, hash partitions, one level of
-- sub-partitioning, and a partition with a constraint of its own.
CREATE TABLE events (
    id bigint NOT NULL,
    happened_on date NOT NULL,
    kind text NOT NULL,
    PRIMARY KEY (id, happened_on)
) PARTITION BY RANGE (happened_on);
CREATE TABLE events_2024 PARTITION OF events
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
    PARTITION BY RANGE (happened_on);
CREATE TABLE events_2025_h1 PARTITION OF events_2025
    FOR VALUES FROM ('2025-01-01') TO ('2025-07-01');
CREATE TABLE events_2025_other PARTITION OF events_2025 DEFAULT;
CREATE TABLE events_old PARTITION OF events DEFAULT;

CREATE TABLE sessions (
    id bigint NOT NULL,
    user_id bigint NOT NULL
) PARTITION BY HASH (user_id);
CREATE TABLE regions (code text NOT NULL, name text) PARTITION BY LIST (code);
CREATE TABLE regions_eu PARTITION OF regions FOR VALUES IN ('de', 'fr', 'nl');
CREATE TABLE sessions_0 PARTITION OF sessions FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE sessions_1 PARTITION OF sessions (
    CONSTRAINT sessions_1_positive CHECK (id > 0)
) FOR VALUES WITH (MODULUS 2, REMAINDER 1);
