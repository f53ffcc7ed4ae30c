-- title: decimal_comma_text
-- model:
SELECT customer, sum(amount) AS total FROM raw.orders GROUP BY 1 ORDER BY 1
-- dialect: duckdb
SELECT
  customer,
  SUM(TRY_CAST(REPLACE(amount, ',', '.') AS DOUBLE)) AS total
FROM raw.orders
GROUP BY
  1
ORDER BY
  1
-- dialect: postgres
SELECT
  customer,
  SUM(CAST(REPLACE(amount, ',', '.') AS DOUBLE PRECISION)) AS total
FROM raw.orders
GROUP BY
  1
ORDER BY
  1
-- dialect: spark
SELECT
  customer,
  SUM(CAST(REPLACE(amount, ',', '.') AS DOUBLE)) AS total
FROM raw.orders
GROUP BY
  1
ORDER BY
  1 NULLS LAST
