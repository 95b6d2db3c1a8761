COMMENT ON COLUMN shipments.carrier_code IS NULL;
ALTER TABLE shipments ALTER COLUMN tracking_number TYPE varchar(64);
ALTER TABLE shipments ALTER COLUMN carrier_code SET DEFAULT 'ups';
ALTER TABLE shipments RENAME COLUMN carrier_code TO carrier;
ALTER INDEX shipments_tracking_idx RENAME TO shipments_tracking_number_idx;
