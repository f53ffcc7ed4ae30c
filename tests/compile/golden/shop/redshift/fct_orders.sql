WITH "orders" AS (
  SELECT
    "stg_orders"."order_id" AS "order_id",
    "stg_orders"."customer_id" AS "customer_id",
    "stg_orders"."ordered_at" AS "ordered_at",
    "stg_orders"."status" AS "status",
    "stg_orders"."amount" AS "amount",
    "stg_orders"."shipping_city" AS "shipping_city",
    "stg_orders"."shipping_country" AS "shipping_country",
    "stg_orders"."shipping_postal_code" AS "shipping_postal_code",
    "stg_orders"."coupon_code" AS "coupon_code"
  FROM "analytics"."stg_orders" AS "stg_orders"
), "items" AS (
  SELECT
    "stg_order_items"."order_id" AS "order_id",
    COUNT(*) AS "line_count",
    SUM("stg_order_items"."quantity") AS "units",
    SUM("stg_order_items"."line_total") AS "items_total"
  FROM "analytics"."stg_order_items" AS "stg_order_items"
  GROUP BY
    "stg_order_items"."order_id"
), "payments" AS (
  SELECT
    "int_order_payments"."order_id" AS "order_id",
    "int_order_payments"."credit_card_amount" AS "credit_card_amount",
    "int_order_payments"."paypal_amount" AS "paypal_amount",
    "int_order_payments"."bank_transfer_amount" AS "bank_transfer_amount",
    "int_order_payments"."gift_card_amount" AS "gift_card_amount",
    "int_order_payments"."amount_paid" AS "amount_paid",
    "int_order_payments"."amount_refunded" AS "amount_refunded",
    "int_order_payments"."payment_count" AS "payment_count",
    "int_order_payments"."last_paid_at" AS "last_paid_at"
  FROM "analytics"."int_order_payments" AS "int_order_payments"
)
SELECT
  "orders"."order_id" AS "order_id",
  "orders"."customer_id" AS "customer_id",
  "orders"."ordered_at" AS "ordered_at",
  CAST("orders"."ordered_at" AS DATE) AS "order_date",
  "orders"."status" AS "status",
  "orders"."amount" AS "amount",
  COALESCE("items"."line_count", 0) AS "line_count",
  COALESCE("items"."units", 0) AS "units",
  COALESCE("items"."items_total", 0) AS "items_total",
  COALESCE("payments"."amount_paid", 0) AS "amount_paid",
  COALESCE("payments"."amount_refunded", 0) AS "amount_refunded",
  COALESCE("payments"."amount_paid", 0) - COALESCE("payments"."amount_refunded", 0) AS "net_paid",
  COALESCE("payments"."gift_card_amount", 0) AS "gift_card_amount",
  CASE WHEN "orders"."status" IN ('shipped', 'delivered') THEN TRUE ELSE FALSE END AS "is_fulfilled",
  "orders"."coupon_code" AS "coupon_code",
  "orders"."shipping_city" AS "shipping_city",
  "orders"."shipping_country" AS "shipping_country"
FROM "orders" AS "orders"
LEFT JOIN "items" AS "items"
  ON "orders"."order_id" = "items"."order_id"
LEFT JOIN "payments" AS "payments"
  ON "orders"."order_id" = "payments"."order_id"
