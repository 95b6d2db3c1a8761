CREATE TABLE shipments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id integer NOT NULL,
    product_id bigint NOT NULL,
    carrier text NOT NULL DEFAULT 'ups',
    tracking_number varchar(64),
    shipped_at timestamptz,
    FOREIGN KEY (order_id, product_id) REFERENCES line_items (order_id, product_id) ON DELETE CASCADE
);

CREATE INDEX shipments_tracking_number_idx ON shipments (tracking_number)
    WHERE tracking_number IS NOT NULL;
