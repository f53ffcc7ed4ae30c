-- title: json_key_moved
-- model:
SELECT payload->'customer'->>'id' AS customer_id, count(*) AS n FROM raw.orders GROUP BY 1 ORDER BY 1
-- dialect: duckdb
SELECT
  payload ->> '$.buyer_id' AS customer_id,
  COUNT(*) AS n
FROM raw.orders
GROUP BY
  1
ORDER BY
  1
-- dialect: postgres
SELECT
  JSON_EXTRACT_PATH_TEXT(payload, 'buyer_id') AS customer_id,
  COUNT(*) AS n
FROM raw.orders
GROUP BY
  1
ORDER BY
  1
-- dialect: spark
SELECT
  GET_JSON_OBJECT(payload, '$.buyer_id') AS customer_id,
  COUNT(*) AS n
FROM raw.orders
GROUP BY
  1
ORDER BY
  1 NULLS LAST
