ALTER INDEX shipments_tracking_number_idx RENAME TO shipments_tracking_idx;
ALTER TABLE shipments RENAME COLUMN carrier TO carrier_code;
ALTER TABLE shipments ALTER COLUMN carrier_code DROP DEFAULT;
ALTER TABLE shipments ALTER COLUMN tracking_number TYPE text;
COMMENT ON COLUMN shipments.carrier_code IS 'Carrier code, e.g. ups or dhl';
