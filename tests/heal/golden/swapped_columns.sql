-- title: swapped_columns
-- model:
SELECT id, amount, qty FROM raw.orders ORDER BY id
-- dialect: duckdb
SELECT
  id,
  "qty" AS amount,
  "amount" AS qty
FROM raw.orders
ORDER BY
  id
-- dialect: postgres
SELECT
  id,
  "qty" AS amount,
  "amount" AS qty
FROM raw.orders
ORDER BY
  id
-- dialect: spark
SELECT
  id,
  `qty` AS amount,
  `amount` AS qty
FROM raw.orders
ORDER BY
  id NULLS LAST
