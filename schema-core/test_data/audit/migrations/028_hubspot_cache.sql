-- Migration: 028_hubspot_cache
-- Cache HubSpot contact lookups by phone number (API is rate limited)

CREATE TABLE IF NOT EXISTS hubspot_cache (
  id SERIAL PRIMARY KEY,
  phone_number VARCHAR(50) UNIQUE NOT NULL,
  hubspot_contact_id VARCHAR(100),
  customer_name VARCHAR(255),
  company_name VARCHAR(255),
  email VARCHAR(255),
  raw_response JSONB DEFAULT '{}',
  cached_at TIMESTAMPTZ DEFAULT NOW(),
  expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_hubspot_cache_expires_at ON hubspot_cache(expires_at);

INSERT INTO system_config (key, value) VALUES ('hubspot_cache_ttl_hours', '24') ON CONFLICT (key) DO NOTHING;
