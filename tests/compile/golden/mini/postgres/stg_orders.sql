SELECT
  "orders"."order_id" AS "order_id",
  "orders"."customer_id" AS "customer_id",
  ROUND(CAST(COALESCE("orders"."amount", 0) AS DECIMAL), 2) AS "amount",
  LOWER("orders"."status") AS "status",
  "orders"."ordered_at" AS "ordered_at"
FROM "public_raw"."orders" AS "orders"
WHERE
  COALESCE("orders"."amount", 0) >= 0
