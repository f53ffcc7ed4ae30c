-- title: rename
-- model:
SELECT customer, sum(amount) AS total FROM raw.orders GROUP BY customer ORDER BY customer
-- dialect: duckdb
SELECT
  "buyer" AS customer,
  SUM(amount) AS total
FROM raw.orders
GROUP BY
  "buyer"
ORDER BY
  customer
-- dialect: postgres
SELECT
  "buyer" AS customer,
  SUM(amount) AS total
FROM raw.orders
GROUP BY
  "buyer"
ORDER BY
  customer
-- dialect: spark
SELECT
  `buyer` AS customer,
  SUM(amount) AS total
FROM raw.orders
GROUP BY
  `buyer`
ORDER BY
  customer NULLS LAST
