CREATE TABLE coupons (
    code text NOT NULL,
    percent_off integer CHECK (percent_off > 0 AND percent_off <= 100),
    amount_off numeric(10, 2),
    valid_until date,
    CONSTRAINT coupons_pkey PRIMARY KEY (code),
    CONSTRAINT coupons_one_discount CHECK ((percent_off IS NULL) <> (amount_off IS NULL))
);

ALTER TABLE orders ADD COLUMN coupon_code text REFERENCES coupons (code) ON DELETE SET NULL;
