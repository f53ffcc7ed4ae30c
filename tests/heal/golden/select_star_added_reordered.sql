-- title: select_star_added_reordered
-- model:
SELECT * FROM raw.orders ORDER BY id
-- dialect: duckdb
SELECT
  "id",
  "customer",
  "amount",
  "ordered_on",
  "qty",
  "store"
FROM raw.orders
ORDER BY
  id
-- dialect: postgres
SELECT
  "id",
  "customer",
  "amount",
  "ordered_on",
  "qty",
  "store"
FROM raw.orders
ORDER BY
  id
-- dialect: spark
SELECT
  `id`,
  `customer`,
  `amount`,
  `ordered_on`,
  `qty`,
  `store`
FROM raw.orders
ORDER BY
  id NULLS LAST
