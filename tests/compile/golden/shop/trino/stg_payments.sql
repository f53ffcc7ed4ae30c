WITH "source" AS (
  SELECT
    "payments"."payment_id" AS "payment_id",
    "payments"."order_id" AS "order_id",
    "payments"."method" AS "method",
    "payments"."amount" AS "amount",
    "payments"."is_refund" AS "is_refund",
    "payments"."paid_at" AS "paid_at"
  FROM "analytics_raw"."payments" AS "payments"
), "normalized" AS (
  SELECT
    "source"."payment_id" AS "payment_id",
    "source"."order_id" AS "order_id",
    LOWER(REPLACE(TRIM("source"."method"), ' ', '_')) AS "method",
    CASE
      WHEN LOWER(TRIM("source"."is_refund")) IN ('y', 'yes', 'true', 't', '1')
      THEN TRUE
      ELSE FALSE
    END AS "is_refund",
    CASE WHEN "source"."amount" LIKE '%€%' THEN 1 ELSE 0 END AS "comma_decimal",
    REPLACE(
      REPLACE(
        REPLACE(
          REPLACE(REPLACE(REPLACE(REPLACE("source"."amount", '€', ''), '$', ''), 'USD', ''), '(', ''),
          ')',
          ''
        ),
        '-',
        ''
      ),
      ' ',
      ''
    ) AS "amount_text",
    CAST("source"."paid_at" AS TIMESTAMP) AS "paid_at"
  FROM "source" AS "source"
), "parsed" AS (
  SELECT
    "normalized"."payment_id" AS "payment_id",
    "normalized"."order_id" AS "order_id",
    "normalized"."method" AS "method",
    "normalized"."is_refund" AS "is_refund",
    CAST(CASE
      WHEN "normalized"."comma_decimal" = 1
      THEN REPLACE(REPLACE("normalized"."amount_text", '.', ''), ',', '.')
      ELSE REPLACE("normalized"."amount_text", ',', '')
    END AS DECIMAL(12, 2)) AS "amount_abs",
    "normalized"."paid_at" AS "paid_at",
    ROW_NUMBER() OVER (PARTITION BY "normalized"."payment_id" ORDER BY "normalized"."paid_at") AS "row_num"
  FROM "normalized" AS "normalized"
)
SELECT
  "parsed"."payment_id" AS "payment_id",
  "parsed"."order_id" AS "order_id",
  "parsed"."method" AS "method",
  "parsed"."is_refund" AS "is_refund",
  CASE
    WHEN "parsed"."is_refund"
    THEN -"parsed"."amount_abs"
    ELSE "parsed"."amount_abs"
  END AS "amount",
  "parsed"."paid_at" AS "paid_at"
FROM "parsed" AS "parsed"
WHERE
  "parsed"."row_num" = 1
