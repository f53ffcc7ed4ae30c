WITH "source" AS (
  SELECT
    "orders"."order_id" AS "order_id",
    "orders"."customer_id" AS "customer_id",
    "orders"."ordered_at" AS "ordered_at",
    "orders"."status" AS "status",
    "orders"."amount" AS "amount",
    "orders"."shipping" AS "shipping",
    "orders"."coupon_code" AS "coupon_code",
    "orders"."channel" AS "channel"
  FROM "analytics_raw"."orders" AS "orders"
), "typed" AS (
  SELECT
    "o"."order_id" AS "order_id",
    "o"."customer_id" AS "customer_id",
    CAST("o"."ordered_at" AS TIMESTAMP) AS "ordered_at",
    CASE LOWER(TRIM("o"."status"))
      WHEN 'canceled'
      THEN 'cancelled'
      ELSE LOWER(TRIM("o"."status"))
    END AS "status",
    CAST(TRIM(REPLACE(REPLACE(REPLACE("o"."amount", 'USD', ''), '$', ''), ',', '')) AS DECIMAL(12, 2)) AS "amount",
    "o"."shipping"."city" AS "shipping_city",
    UPPER(TRIM("o"."shipping"."country")) AS "shipping_country",
    "o"."shipping"."postal_code" AS "shipping_postal_code",
    "o"."coupon_code" AS "coupon_code"
  FROM "source" AS "o"
  WHERE
    CAST("o"."ordered_at" AS TIMESTAMP) >= CAST('2024-01-01' AS TIMESTAMP)
), "deduplicated" AS (
  SELECT
    "typed"."order_id" AS "order_id",
    "typed"."customer_id" AS "customer_id",
    "typed"."ordered_at" AS "ordered_at",
    "typed"."status" AS "status",
    "typed"."amount" AS "amount",
    "typed"."shipping_city" AS "shipping_city",
    "typed"."shipping_country" AS "shipping_country",
    "typed"."shipping_postal_code" AS "shipping_postal_code",
    "typed"."coupon_code" AS "coupon_code",
    ROW_NUMBER() OVER (PARTITION BY "typed"."order_id" ORDER BY "typed"."ordered_at") AS "row_num"
  FROM "typed" AS "typed"
), "orders" AS (
  SELECT
    "deduplicated"."order_id" AS "order_id",
    "deduplicated"."customer_id" AS "customer_id",
    "deduplicated"."ordered_at" AS "ordered_at",
    "deduplicated"."status" AS "status",
    "deduplicated"."amount" AS "amount",
    "deduplicated"."shipping_city" AS "shipping_city",
    "deduplicated"."shipping_country" AS "shipping_country",
    "deduplicated"."shipping_postal_code" AS "shipping_postal_code",
    "deduplicated"."coupon_code" AS "coupon_code"
  FROM "deduplicated" AS "deduplicated"
  WHERE
    "deduplicated"."row_num" = 1
)
SELECT
  "orders"."order_id" AS "order_id",
  "orders"."customer_id" AS "customer_id",
  "orders"."ordered_at" AS "ordered_at",
  "orders"."status" AS "status",
  "orders"."amount" AS "amount",
  "orders"."shipping_city" AS "shipping_city",
  "orders"."shipping_country" AS "shipping_country",
  "orders"."shipping_postal_code" AS "shipping_postal_code",
  "orders"."coupon_code" AS "coupon_code"
FROM "orders" AS "orders"

-- when the table exists (is_incremental()):
WITH "source" AS (
  SELECT
    "orders"."order_id" AS "order_id",
    "orders"."customer_id" AS "customer_id",
    "orders"."ordered_at" AS "ordered_at",
    "orders"."status" AS "status",
    "orders"."amount" AS "amount",
    "orders"."shipping" AS "shipping",
    "orders"."coupon_code" AS "coupon_code",
    "orders"."channel" AS "channel"
  FROM "analytics_raw"."orders" AS "orders"
), "typed" AS (
  SELECT
    "o"."order_id" AS "order_id",
    "o"."customer_id" AS "customer_id",
    CAST("o"."ordered_at" AS TIMESTAMP) AS "ordered_at",
    CASE LOWER(TRIM("o"."status"))
      WHEN 'canceled'
      THEN 'cancelled'
      ELSE LOWER(TRIM("o"."status"))
    END AS "status",
    CAST(TRIM(REPLACE(REPLACE(REPLACE("o"."amount", 'USD', ''), '$', ''), ',', '')) AS DECIMAL(12, 2)) AS "amount",
    "o"."shipping"."city" AS "shipping_city",
    UPPER(TRIM("o"."shipping"."country")) AS "shipping_country",
    "o"."shipping"."postal_code" AS "shipping_postal_code",
    "o"."coupon_code" AS "coupon_code"
  FROM "source" AS "o"
  WHERE
    CAST("o"."ordered_at" AS TIMESTAMP) >= CAST('2024-01-01' AS TIMESTAMP)
), "deduplicated" AS (
  SELECT
    "typed"."order_id" AS "order_id",
    "typed"."customer_id" AS "customer_id",
    "typed"."ordered_at" AS "ordered_at",
    "typed"."status" AS "status",
    "typed"."amount" AS "amount",
    "typed"."shipping_city" AS "shipping_city",
    "typed"."shipping_country" AS "shipping_country",
    "typed"."shipping_postal_code" AS "shipping_postal_code",
    "typed"."coupon_code" AS "coupon_code",
    ROW_NUMBER() OVER (PARTITION BY "typed"."order_id" ORDER BY "typed"."ordered_at") AS "row_num"
  FROM "typed" AS "typed"
), "orders" AS (
  SELECT
    "deduplicated"."order_id" AS "order_id",
    "deduplicated"."customer_id" AS "customer_id",
    "deduplicated"."ordered_at" AS "ordered_at",
    "deduplicated"."status" AS "status",
    "deduplicated"."amount" AS "amount",
    "deduplicated"."shipping_city" AS "shipping_city",
    "deduplicated"."shipping_country" AS "shipping_country",
    "deduplicated"."shipping_postal_code" AS "shipping_postal_code",
    "deduplicated"."coupon_code" AS "coupon_code"
  FROM "deduplicated" AS "deduplicated"
  WHERE
    "deduplicated"."row_num" = 1
)
SELECT
  "orders"."order_id" AS "order_id",
  "orders"."customer_id" AS "customer_id",
  "orders"."ordered_at" AS "ordered_at",
  "orders"."status" AS "status",
  "orders"."amount" AS "amount",
  "orders"."shipping_city" AS "shipping_city",
  "orders"."shipping_country" AS "shipping_country",
  "orders"."shipping_postal_code" AS "shipping_postal_code",
  "orders"."coupon_code" AS "coupon_code"
FROM "orders" AS "orders"
WHERE
  "orders"."ordered_at" > (
    SELECT
      MAX("stg_orders"."ordered_at") AS "_col_0"
    FROM "analytics"."stg_orders" AS "stg_orders"
  )
