-- title: cte_and_subquery
-- model:
WITH big AS (SELECT id, customer, amount FROM raw.orders WHERE amount > 50) SELECT customer, max(amount) AS top FROM big WHERE id IN (SELECT id FROM raw.orders WHERE amount < 120) GROUP BY customer ORDER BY customer
-- dialect: duckdb
WITH big AS (
  SELECT
    id,
    customer,
    "order_amount" AS amount
  FROM raw.orders
  WHERE
    "order_amount" > 50
)
SELECT
  customer,
  MAX(amount) AS top
FROM big
WHERE
  id IN (
    SELECT
      id
    FROM raw.orders
    WHERE
      amount < 120
  )
GROUP BY
  customer
ORDER BY
  customer
-- dialect: postgres
WITH big AS (
  SELECT
    id,
    customer,
    "order_amount" AS amount
  FROM raw.orders
  WHERE
    "order_amount" > 50
)
SELECT
  customer,
  MAX(amount) AS top
FROM big
WHERE
  id IN (
    SELECT
      id
    FROM raw.orders
    WHERE
      amount < 120
  )
GROUP BY
  customer
ORDER BY
  customer
-- dialect: spark
WITH big AS (
  SELECT
    id,
    customer,
    `order_amount` AS amount
  FROM raw.orders
  WHERE
    `order_amount` > 50
)
SELECT
  customer,
  MAX(amount) AS top
FROM big
WHERE
  id IN (
    SELECT
      id
    FROM raw.orders
    WHERE
      amount < 120
  )
GROUP BY
  customer
ORDER BY
  customer NULLS LAST
