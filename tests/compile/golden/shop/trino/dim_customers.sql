WITH "customers" AS (
  SELECT
    "stg_customers"."customer_id" AS "customer_id",
    "stg_customers"."first_name" AS "first_name",
    "stg_customers"."last_name" AS "last_name",
    "stg_customers"."email" AS "email",
    "stg_customers"."phone" AS "phone",
    "stg_customers"."signup_date" AS "signup_date",
    "stg_customers"."country" AS "country",
    "stg_customers"."city" AS "city",
    "stg_customers"."marketing_opt_in" AS "marketing_opt_in",
    "stg_customers"."updated_at" AS "updated_at",
    "stg_customers"."full_name" AS "full_name"
  FROM "analytics"."stg_customers" AS "stg_customers"
), "customer_orders" AS (
  SELECT
    "fct_orders"."customer_id" AS "customer_id",
    MIN("fct_orders"."ordered_at") AS "first_order_at",
    MAX("fct_orders"."ordered_at") AS "last_order_at",
    COUNT(*) AS "order_count",
    SUM(
      CASE
        WHEN "fct_orders"."status" IN ('cancelled', 'returned')
        THEN 0
        ELSE "fct_orders"."amount"
      END
    ) AS "lifetime_value"
  FROM "analytics"."fct_orders" AS "fct_orders"
  WHERE
    NOT "fct_orders"."customer_id" IS NULL
  GROUP BY
    "fct_orders"."customer_id"
)
SELECT
  "customers"."customer_id" AS "customer_id",
  "customers"."full_name" AS "full_name",
  "customers"."email" AS "email",
  "customers"."phone" AS "phone",
  "customers"."country" AS "country",
  "countries"."country_name" AS "country_name",
  "countries"."region" AS "region",
  "customers"."city" AS "city",
  "customers"."signup_date" AS "signup_date",
  "customers"."marketing_opt_in" AS "marketing_opt_in",
  "customer_orders"."first_order_at" AS "first_order_at",
  "customer_orders"."last_order_at" AS "last_order_at",
  COALESCE("customer_orders"."order_count", 0) AS "order_count",
  COALESCE("customer_orders"."lifetime_value", 0) AS "lifetime_value",
  CASE
    WHEN "customer_orders"."order_count" IS NULL
    THEN 'prospect'
    WHEN "customer_orders"."lifetime_value" >= 500
    THEN 'vip'
    WHEN "customer_orders"."order_count" >= 3
    THEN 'repeat'
    ELSE 'one_time'
  END AS "segment"
FROM "customers" AS "customers"
LEFT JOIN "customer_orders" AS "customer_orders"
  ON "customers"."customer_id" = "customer_orders"."customer_id"
LEFT JOIN "analytics"."country_codes" AS "countries"
  ON "customers"."country" = "countries"."country_code"
