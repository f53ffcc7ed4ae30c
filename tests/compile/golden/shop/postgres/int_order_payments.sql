SELECT
  "stg_payments"."order_id" AS "order_id",
  SUM(
    CASE
      WHEN "stg_payments"."method" = 'credit_card' AND NOT "stg_payments"."is_refund"
      THEN "stg_payments"."amount"
      ELSE 0
    END
  ) AS "credit_card_amount",
  SUM(
    CASE
      WHEN "stg_payments"."method" = 'paypal' AND NOT "stg_payments"."is_refund"
      THEN "stg_payments"."amount"
      ELSE 0
    END
  ) AS "paypal_amount",
  SUM(
    CASE
      WHEN "stg_payments"."method" = 'bank_transfer' AND NOT "stg_payments"."is_refund"
      THEN "stg_payments"."amount"
      ELSE 0
    END
  ) AS "bank_transfer_amount",
  SUM(
    CASE
      WHEN "stg_payments"."method" = 'gift_card' AND NOT "stg_payments"."is_refund"
      THEN "stg_payments"."amount"
      ELSE 0
    END
  ) AS "gift_card_amount",
  SUM(CASE WHEN "stg_payments"."is_refund" THEN 0 ELSE "stg_payments"."amount" END) AS "amount_paid",
  SUM(CASE WHEN "stg_payments"."is_refund" THEN -"stg_payments"."amount" ELSE 0 END) AS "amount_refunded",
  COUNT(*) AS "payment_count",
  MAX("stg_payments"."paid_at") AS "last_paid_at"
FROM "shop"."stg_payments" AS "stg_payments"
GROUP BY
  "stg_payments"."order_id"
