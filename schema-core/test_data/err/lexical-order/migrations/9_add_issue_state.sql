ALTER TABLE issues ADD COLUMN state text NOT NULL DEFAULT 'open';
