-- assert_positive_total_for_payments (tests/assert_positive_total_for_payments.sql): rows returned are failures
/* Refunds have a negative amount, so the total amount should always be >= 0. */
SELECT
  order_id,
  SUM(amount) AS total_amount
FROM "analytics"."stg_payments" AS stg_payments
GROUP BY
  1
HAVING
  NOT (
    total_amount >= 0
  );

-- unique_stg_customers_customer_id (models/staging/schema.yml): rows returned are failures
SELECT
  "customer_id" AS unique_field,
  COUNT(*) AS n_records
FROM "analytics"."stg_customers"
WHERE
  NOT "customer_id" IS NULL
GROUP BY
  "customer_id"
HAVING
  COUNT(*) > 1;

-- not_null_stg_customers_customer_id (models/staging/schema.yml): rows returned are failures
SELECT
  *
FROM "analytics"."stg_customers"
WHERE
  "customer_id" IS NULL;

-- unique_stg_orders_order_id (models/staging/schema.yml): rows returned are failures
SELECT
  "order_id" AS unique_field,
  COUNT(*) AS n_records
FROM "analytics"."stg_orders"
WHERE
  NOT "order_id" IS NULL
GROUP BY
  "order_id"
HAVING
  COUNT(*) > 1;

-- not_null_stg_orders_order_id (models/staging/schema.yml): rows returned are failures
SELECT
  *
FROM "analytics"."stg_orders"
WHERE
  "order_id" IS NULL;

-- accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned (models/staging/schema.yml): rows returned are failures
SELECT
  "status" AS value_field,
  COUNT(*) AS n_records
FROM "analytics"."stg_orders"
WHERE
  NOT "status" IN ('placed', 'shipped', 'completed', 'return_pending', 'returned')
GROUP BY
  "status";

-- unique_stg_payments_payment_id (models/staging/schema.yml): rows returned are failures
SELECT
  "payment_id" AS unique_field,
  COUNT(*) AS n_records
FROM "analytics"."stg_payments"
WHERE
  NOT "payment_id" IS NULL
GROUP BY
  "payment_id"
HAVING
  COUNT(*) > 1;

-- not_null_stg_payments_payment_id (models/staging/schema.yml): rows returned are failures
SELECT
  *
FROM "analytics"."stg_payments"
WHERE
  "payment_id" IS NULL;

-- accepted_values_stg_payments_payment_method__credit_card__coupon__bank_transfer__gift_card (models/staging/schema.yml): rows returned are failures
SELECT
  "payment_method" AS value_field,
  COUNT(*) AS n_records
FROM "analytics"."stg_payments"
WHERE
  NOT "payment_method" IN ('credit_card', 'coupon', 'bank_transfer', 'gift_card')
GROUP BY
  "payment_method";

-- unique_customers_customer_id (models/schema.yml): rows returned are failures
SELECT
  "customer_id" AS unique_field,
  COUNT(*) AS n_records
FROM "analytics"."customers"
WHERE
  NOT "customer_id" IS NULL
GROUP BY
  "customer_id"
HAVING
  COUNT(*) > 1;

-- not_null_customers_customer_id (models/schema.yml): rows returned are failures
SELECT
  *
FROM "analytics"."customers"
WHERE
  "customer_id" IS NULL;

-- unique_orders_order_id (models/schema.yml): rows returned are failures
SELECT
  "order_id" AS unique_field,
  COUNT(*) AS n_records
FROM "analytics"."orders"
WHERE
  NOT "order_id" IS NULL
GROUP BY
  "order_id"
HAVING
  COUNT(*) > 1;

-- not_null_orders_order_id (models/schema.yml): rows returned are failures
SELECT
  *
FROM "analytics"."orders"
WHERE
  "order_id" IS NULL;

-- not_null_orders_customer_id (models/schema.yml): rows returned are failures
SELECT
  *
FROM "analytics"."orders"
WHERE
  "customer_id" IS NULL;

-- relationships_orders_customer_id__customer_id__ref_customers_ (models/schema.yml): rows returned are failures
SELECT
  "child"."customer_id" AS from_field
FROM "analytics"."orders" AS child
LEFT JOIN "analytics"."customers" AS parent
  ON "child"."customer_id" = "parent"."customer_id"
WHERE
  NOT "child"."customer_id" IS NULL AND "parent"."customer_id" IS NULL;

-- accepted_values_orders_status__placed__shipped__completed__return_pending__returned (models/schema.yml): rows returned are failures
SELECT
  "status" AS value_field,
  COUNT(*) AS n_records
FROM "analytics"."orders"
WHERE
  NOT "status" IN ('placed', 'shipped', 'completed', 'return_pending', 'returned')
GROUP BY
  "status";

-- not_null_orders_amount (models/schema.yml): rows returned are failures
SELECT
  *
FROM (
  SELECT
    *
  FROM "analytics"."orders"
  WHERE
    status <> 'placed'
) AS __dn_filtered
WHERE
  "amount" IS NULL;
