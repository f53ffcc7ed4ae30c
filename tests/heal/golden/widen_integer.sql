-- title: widen_integer
-- model:
SELECT id, customer FROM raw.orders ORDER BY id
-- dialect: duckdb
SELECT
  CAST(id AS INT) AS id,
  customer
FROM raw.orders
ORDER BY
  id
-- dialect: postgres
SELECT
  CAST(id AS INT) AS id,
  customer
FROM raw.orders
ORDER BY
  id
-- dialect: spark
SELECT
  CAST(id AS INT) AS id,
  customer
FROM raw.orders
ORDER BY
  id NULLS LAST
