SELECT
  "order_items"."order_id" AS "order_id",
  "order_items"."line_number" AS "line_number",
  "order_items"."product_id" AS "product_id",
  "order_items"."quantity" AS "quantity",
  CAST("order_items"."unit_price_cents" / 100.0 AS DECIMAL(12, 2)) AS "unit_price",
  CAST("order_items"."quantity" * "order_items"."unit_price_cents" / 100.0 AS DECIMAL(12, 2)) AS "line_total"
FROM "analytics_raw"."order_items" AS "order_items"
WHERE
  "order_items"."quantity" > 0
