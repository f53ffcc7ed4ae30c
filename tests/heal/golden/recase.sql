-- title: recase
-- model:
SELECT id, amount FROM raw.orders WHERE amount > 10 ORDER BY id
-- dialect: duckdb
SELECT
  id,
  "AMOUNT" AS amount
FROM raw.orders
WHERE
  "AMOUNT" > 10
ORDER BY
  id
-- dialect: postgres
SELECT
  id,
  "AMOUNT" AS amount
FROM raw.orders
WHERE
  "AMOUNT" > 10
ORDER BY
  id
-- dialect: spark
SELECT
  id,
  `AMOUNT` AS amount
FROM raw.orders
WHERE
  `AMOUNT` > 10
ORDER BY
  id NULLS LAST
