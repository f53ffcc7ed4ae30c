SELECT
  "stg_orders"."order_id" AS "order_id",
  "stg_orders"."customer_id" AS "customer_id",
  "stg_orders"."order_date" AS "order_date",
  "stg_orders"."status" AS "status"
FROM "analytics"."stg_orders" AS "stg_orders"

-- when the table exists (is_incremental()):
SELECT
  "stg_orders"."order_id" AS "order_id",
  "stg_orders"."customer_id" AS "customer_id",
  "stg_orders"."order_date" AS "order_date",
  "stg_orders"."status" AS "status"
FROM "analytics"."stg_orders" AS "stg_orders"
WHERE
  "stg_orders"."order_date" > (
    SELECT
      MAX("order_events"."order_date") AS "_col_0"
    FROM "analytics"."order_events" AS "order_events"
  )
