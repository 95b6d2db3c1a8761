CREATE TABLE measurements (
    sensor_id integer NOT NULL,
    logdate date NOT NULL,
    reading numeric(8, 2),
    PRIMARY KEY (sensor_id, logdate)
) PARTITION BY RANGE (logdate);
CREATE TABLE measurements_2024 PARTITION OF measurements
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 PARTITION OF measurements
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
