CREATE TABLE price_points (amount numeric PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, amount integer REFERENCES price_points (amount));
CREATE TABLE slots (starts_at timestamptz PRIMARY KEY);
CREATE TABLE bookings (id bigint PRIMARY KEY, starts_at timestamp REFERENCES slots (starts_at));
