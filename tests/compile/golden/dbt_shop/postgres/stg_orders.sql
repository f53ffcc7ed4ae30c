WITH "source" AS (
  SELECT
    "raw_orders"."id" AS "id",
    "raw_orders"."user_id" AS "user_id",
    "raw_orders"."order_date" AS "order_date",
    "raw_orders"."status" AS "status"
  FROM "analytics"."raw_orders" AS "raw_orders"
), "renamed" AS (
  SELECT
    "source"."id" AS "order_id",
    "source"."user_id" AS "customer_id",
    "source"."order_date" AS "order_date",
    "source"."status" AS "status"
  FROM "source" AS "source"
)
SELECT
  "renamed"."order_id" AS "order_id",
  "renamed"."customer_id" AS "customer_id",
  "renamed"."order_date" AS "order_date",
  "renamed"."status" AS "status"
FROM "renamed" AS "renamed"
