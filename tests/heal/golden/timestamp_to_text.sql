-- title: timestamp_to_text
-- model:
SELECT id, ordered_on FROM raw.orders ORDER BY id
-- dialect: duckdb
SELECT
  id,
  TRY_CAST(ordered_on AS DATE) AS ordered_on
FROM raw.orders
ORDER BY
  id
-- dialect: postgres
SELECT
  id,
  CAST(ordered_on AS DATE) AS ordered_on
FROM raw.orders
ORDER BY
  id
-- dialect: spark
SELECT
  id,
  CAST(ordered_on AS DATE) AS ordered_on
FROM raw.orders
ORDER BY
  id NULLS LAST
