WITH "orders" AS (
  SELECT
    "stg_orders"."order_id" AS "order_id",
    "stg_orders"."customer_id" AS "customer_id",
    "stg_orders"."order_date" AS "order_date",
    "stg_orders"."status" AS "status"
  FROM "analytics"."stg_orders" AS "stg_orders"
), "payments" AS (
  SELECT
    "stg_payments"."payment_id" AS "payment_id",
    "stg_payments"."order_id" AS "order_id",
    "stg_payments"."payment_method" AS "payment_method",
    "stg_payments"."amount" AS "amount"
  FROM "analytics"."stg_payments" AS "stg_payments"
), "order_payments" AS (
  SELECT
    "payments"."order_id" AS "order_id",
    SUM(
      CASE
        WHEN "payments"."payment_method" = 'credit_card'
        THEN "payments"."amount"
        ELSE 0
      END
    ) AS "credit_card_amount",
    SUM(
      CASE WHEN "payments"."payment_method" = 'coupon' THEN "payments"."amount" ELSE 0 END
    ) AS "coupon_amount",
    SUM(
      CASE
        WHEN "payments"."payment_method" = 'bank_transfer'
        THEN "payments"."amount"
        ELSE 0
      END
    ) AS "bank_transfer_amount",
    SUM(
      CASE
        WHEN "payments"."payment_method" = 'gift_card'
        THEN "payments"."amount"
        ELSE 0
      END
    ) AS "gift_card_amount",
    SUM("payments"."amount") AS "total_amount"
  FROM "payments" AS "payments"
  GROUP BY
    "payments"."order_id"
), "final" AS (
  SELECT
    "orders"."order_id" AS "order_id",
    "orders"."customer_id" AS "customer_id",
    "orders"."order_date" AS "order_date",
    "orders"."status" AS "status",
    "order_payments"."credit_card_amount" AS "credit_card_amount",
    "order_payments"."coupon_amount" AS "coupon_amount",
    "order_payments"."bank_transfer_amount" AS "bank_transfer_amount",
    "order_payments"."gift_card_amount" AS "gift_card_amount",
    "order_payments"."total_amount" AS "amount"
  FROM "orders" AS "orders"
  LEFT JOIN "order_payments" AS "order_payments"
    ON "orders"."order_id" = "order_payments"."order_id"
)
SELECT
  "final"."order_id" AS "order_id",
  "final"."customer_id" AS "customer_id",
  "final"."order_date" AS "order_date",
  "final"."status" AS "status",
  "final"."credit_card_amount" AS "credit_card_amount",
  "final"."coupon_amount" AS "coupon_amount",
  "final"."bank_transfer_amount" AS "bank_transfer_amount",
  "final"."gift_card_amount" AS "gift_card_amount",
  "final"."amount" AS "amount"
FROM "final" AS "final"
