-- assert_fulfilled_orders_are_paid (tests/assert_fulfilled_orders_are_paid.sql): rows returned are failures
/* Shipped and delivered orders must be paid in full: payments net of refunds equal the */
/* order amount (to the cent). Returns the orders that are not. */
SELECT
  order_id,
  status,
  amount,
  net_paid
FROM `default`.`fct_orders` AS fct_orders
WHERE
  is_fulfilled AND ABS(net_paid - amount) > 0.005;

-- source_unique_raw_products_product_id (sources/raw.yml): rows returned are failures
SELECT
  `product_id` AS unique_field,
  COUNT(*) AS n_records
FROM `default_raw`.`products`
WHERE
  NOT `product_id` IS NULL
GROUP BY
  `product_id`
HAVING
  COUNT(*) > 1;

-- source_not_null_raw_products_product_id (sources/raw.yml): rows returned are failures
SELECT
  *
FROM `default_raw`.`products`
WHERE
  `product_id` IS NULL;

-- source_not_null_raw_orders_order_id (sources/raw.yml): rows returned are failures
SELECT
  *
FROM `default_raw`.`orders`
WHERE
  `order_id` IS NULL;

-- source_not_null_raw_payments_payment_id (sources/raw.yml): rows returned are failures
SELECT
  *
FROM `default_raw`.`payments`
WHERE
  `payment_id` IS NULL;

-- unique_country_codes_country_code (seeds/schema.yml): rows returned are failures
SELECT
  `country_code` AS unique_field,
  COUNT(*) AS n_records
FROM `default`.`country_codes`
WHERE
  NOT `country_code` IS NULL
GROUP BY
  `country_code`
HAVING
  COUNT(*) > 1;

-- not_null_country_codes_country_code (seeds/schema.yml): rows returned are failures
SELECT
  *
FROM `default`.`country_codes`
WHERE
  `country_code` IS NULL;

-- unique_stg_customers_customer_id (models/staging/staging.yml): rows returned are failures
SELECT
  `customer_id` AS unique_field,
  COUNT(*) AS n_records
FROM `default`.`stg_customers`
WHERE
  NOT `customer_id` IS NULL
GROUP BY
  `customer_id`
HAVING
  COUNT(*) > 1;

-- not_null_stg_customers_customer_id (models/staging/staging.yml): rows returned are failures
SELECT
  *
FROM `default`.`stg_customers`
WHERE
  `customer_id` IS NULL;

-- unique_stg_products_product_id (models/staging/staging.yml): rows returned are failures
SELECT
  `product_id` AS unique_field,
  COUNT(*) AS n_records
FROM `default`.`stg_products`
WHERE
  NOT `product_id` IS NULL
GROUP BY
  `product_id`
HAVING
  COUNT(*) > 1;

-- not_null_stg_products_product_id (models/staging/staging.yml): rows returned are failures
SELECT
  *
FROM `default`.`stg_products`
WHERE
  `product_id` IS NULL;

-- unique_stg_orders_order_id (models/staging/staging.yml): rows returned are failures
SELECT
  `order_id` AS unique_field,
  COUNT(*) AS n_records
FROM `default`.`stg_orders`
WHERE
  NOT `order_id` IS NULL
GROUP BY
  `order_id`
HAVING
  COUNT(*) > 1;

-- not_null_stg_orders_order_id (models/staging/staging.yml): rows returned are failures
SELECT
  *
FROM `default`.`stg_orders`
WHERE
  `order_id` IS NULL;

-- not_null_stg_orders_amount (models/staging/staging.yml): rows returned are failures
SELECT
  *
FROM `default`.`stg_orders`
WHERE
  `amount` IS NULL;

-- unique_stg_payments_payment_id (models/staging/staging.yml): rows returned are failures
SELECT
  `payment_id` AS unique_field,
  COUNT(*) AS n_records
FROM `default`.`stg_payments`
WHERE
  NOT `payment_id` IS NULL
GROUP BY
  `payment_id`
HAVING
  COUNT(*) > 1;

-- not_null_stg_payments_payment_id (models/staging/staging.yml): rows returned are failures
SELECT
  *
FROM `default`.`stg_payments`
WHERE
  `payment_id` IS NULL;

-- accepted_values_stg_payments_method__credit_card__paypal__bank_transfer__gift_card (models/staging/staging.yml): rows returned are failures
SELECT
  `method` AS value_field,
  COUNT(*) AS n_records
FROM `default`.`stg_payments`
WHERE
  NOT `method` IN ('credit_card', 'paypal', 'bank_transfer', 'gift_card')
GROUP BY
  `method`;

-- unique_fct_orders_order_id (models/marts/schema.yml): rows returned are failures
SELECT
  `order_id` AS unique_field,
  COUNT(*) AS n_records
FROM `default`.`fct_orders`
WHERE
  NOT `order_id` IS NULL
GROUP BY
  `order_id`
HAVING
  COUNT(*) > 1;

-- not_null_fct_orders_order_id (models/marts/schema.yml): rows returned are failures
SELECT
  *
FROM `default`.`fct_orders`
WHERE
  `order_id` IS NULL;

-- accepted_values_fct_orders_status__placed__shipped__delivered__cancelled__returned (models/marts/schema.yml): rows returned are failures
SELECT
  `status` AS value_field,
  COUNT(*) AS n_records
FROM `default`.`fct_orders`
WHERE
  NOT `status` IN ('placed', 'shipped', 'delivered', 'cancelled', 'returned')
GROUP BY
  `status`;

-- relationships_fct_orders_customer_id__customer_id__ref_dim_customers_ (models/marts/schema.yml): rows returned are failures
SELECT
  `child`.`customer_id` AS from_field
FROM `default`.`fct_orders` AS child
LEFT JOIN `default`.`dim_customers` AS parent
  ON `child`.`customer_id` = `parent`.`customer_id`
WHERE
  NOT `child`.`customer_id` IS NULL AND `parent`.`customer_id` IS NULL;

-- not_null_fct_orders_amount (models/marts/schema.yml): rows returned are failures
SELECT
  *
FROM `default`.`fct_orders`
WHERE
  `amount` IS NULL;

-- unique_daily_revenue_order_day (models/marts/schema.yml): rows returned are failures
SELECT
  `order_day` AS unique_field,
  COUNT(*) AS n_records
FROM `default`.`daily_revenue`
WHERE
  NOT `order_day` IS NULL
GROUP BY
  `order_day`
HAVING
  COUNT(*) > 1;

-- not_null_daily_revenue_order_day (models/marts/schema.yml): rows returned are failures
SELECT
  *
FROM `default`.`daily_revenue`
WHERE
  `order_day` IS NULL;

-- unique_dim_customers_customer_id (models/marts/schema.yml): rows returned are failures
SELECT
  `customer_id` AS unique_field,
  COUNT(*) AS n_records
FROM `default`.`dim_customers`
WHERE
  NOT `customer_id` IS NULL
GROUP BY
  `customer_id`
HAVING
  COUNT(*) > 1;

-- not_null_dim_customers_customer_id (models/marts/schema.yml): rows returned are failures
SELECT
  *
FROM `default`.`dim_customers`
WHERE
  `customer_id` IS NULL;

-- accepted_values_dim_customers_segment__prospect__one_time__repeat__vip (models/marts/schema.yml): rows returned are failures
SELECT
  `segment` AS value_field,
  COUNT(*) AS n_records
FROM `default`.`dim_customers`
WHERE
  NOT `segment` IN ('prospect', 'one_time', 'repeat', 'vip')
GROUP BY
  `segment`;

-- not_null_dim_customers_lifetime_value (models/marts/schema.yml): rows returned are failures
SELECT
  *
FROM `default`.`dim_customers`
WHERE
  `lifetime_value` IS NULL;

-- unique_product_performance_product_id (models/marts/schema.yml): rows returned are failures
SELECT
  `product_id` AS unique_field,
  COUNT(*) AS n_records
FROM `default`.`product_performance`
WHERE
  NOT `product_id` IS NULL
GROUP BY
  `product_id`
HAVING
  COUNT(*) > 1;

-- not_null_product_performance_product_id (models/marts/schema.yml): rows returned are failures
SELECT
  *
FROM `default`.`product_performance`
WHERE
  `product_id` IS NULL;

-- relationships_product_performance_product_id__product_id__ref_stg_products_ (models/marts/schema.yml): rows returned are failures
SELECT
  `child`.`product_id` AS from_field
FROM `default`.`product_performance` AS child
LEFT JOIN `default`.`stg_products` AS parent
  ON `child`.`product_id` = `parent`.`product_id`
WHERE
  NOT `child`.`product_id` IS NULL AND `parent`.`product_id` IS NULL;
