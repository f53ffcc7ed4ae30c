-- title: text_to_typed
-- model:
SELECT store, count(*) AS n FROM raw.orders WHERE store LIKE '10%' GROUP BY store ORDER BY store
-- dialect: duckdb
SELECT
  CAST(store AS TEXT) AS store,
  COUNT(*) AS n
FROM raw.orders
WHERE
  CAST(store AS TEXT) LIKE '10%'
GROUP BY
  CAST(store AS TEXT)
ORDER BY
  store
-- dialect: postgres
SELECT
  CAST(store AS TEXT) AS store,
  COUNT(*) AS n
FROM raw.orders
WHERE
  CAST(store AS TEXT) LIKE '10%'
GROUP BY
  CAST(store AS TEXT)
ORDER BY
  store
-- dialect: spark
SELECT
  CAST(store AS STRING) AS store,
  COUNT(*) AS n
FROM raw.orders
WHERE
  CAST(store AS STRING) LIKE '10%'
GROUP BY
  CAST(store AS STRING)
ORDER BY
  store NULLS LAST
