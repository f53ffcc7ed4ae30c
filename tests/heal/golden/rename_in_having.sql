-- title: rename_in_having
-- model:
SELECT customer, count(*) AS n FROM raw.orders GROUP BY customer HAVING sum(qty) > 10 ORDER BY max(qty), customer
-- dialect: duckdb
SELECT
  customer,
  COUNT(*) AS n
FROM raw.orders
GROUP BY
  customer
HAVING
  SUM("quantity") > 10
ORDER BY
  MAX("quantity"),
  customer
-- dialect: postgres
SELECT
  customer,
  COUNT(*) AS n
FROM raw.orders
GROUP BY
  customer
HAVING
  SUM("quantity") > 10
ORDER BY
  MAX("quantity"),
  customer
-- dialect: spark
SELECT
  customer,
  COUNT(*) AS n
FROM raw.orders
GROUP BY
  customer
HAVING
  SUM(`quantity`) > 10
ORDER BY
  MAX(`quantity`) NULLS LAST,
  customer NULLS LAST
