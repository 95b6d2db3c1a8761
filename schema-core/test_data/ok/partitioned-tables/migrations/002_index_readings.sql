CREATE INDEX measurements_reading_idx ON measurements (reading);
CREATE INDEX measurements_2024_logdate_idx ON measurements_2024 (logdate);
ALTER TABLE measurements ADD COLUMN unit text NOT NULL DEFAULT 'celsius';
CREATE INDEX measurements_2025_unit_idx ON measurements_2025 (unit);
