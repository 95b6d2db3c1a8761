ALTER TYPE order_status ADD VALUE 'cancelled' AFTER 'shipped';
ALTER TYPE order_status ADD VALUE 'refunded';
ALTER TYPE order_status ADD VALUE 'processing' BEFORE 'shipped';
