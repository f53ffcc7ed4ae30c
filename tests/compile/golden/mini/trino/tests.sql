-- no_negative_amounts (tests/no_negative_amounts.sql): rows returned are failures
SELECT
  *
FROM "analytics"."stg_orders" AS stg_orders
WHERE
  amount < 0;

-- accepted_values_stg_orders_status__shipped__returned__placed (models/marts/schema.yml): rows returned are failures
SELECT
  "status" AS value_field,
  COUNT(*) AS n_records
FROM "analytics"."stg_orders"
WHERE
  NOT "status" IN ('shipped', 'returned', 'placed')
GROUP BY
  "status";

-- relationships_stg_orders_customer_id__customer_id__ref_stg_customers_ (models/marts/schema.yml): rows returned are failures
SELECT
  "child"."customer_id" AS from_field
FROM "analytics"."stg_orders" AS child
LEFT JOIN "analytics"."stg_customers" AS parent
  ON "child"."customer_id" = "parent"."customer_id"
WHERE
  NOT "child"."customer_id" IS NULL AND "parent"."customer_id" IS NULL;

-- unique_customer_revenue_customer_id (models/marts/schema.yml): rows returned are failures
SELECT
  "customer_id" AS unique_field,
  COUNT(*) AS n_records
FROM "analytics"."customer_revenue"
WHERE
  NOT "customer_id" IS NULL
GROUP BY
  "customer_id"
HAVING
  COUNT(*) > 1;

-- not_null_customer_revenue_customer_id (models/marts/schema.yml): rows returned are failures
SELECT
  *
FROM "analytics"."customer_revenue"
WHERE
  "customer_id" IS NULL;

-- expression_customer_revenue_orders__orders_0 (models/marts/schema.yml): rows returned are failures
SELECT
  *
FROM "analytics"."customer_revenue"
WHERE
  NOT (
    orders >= 0
  );
