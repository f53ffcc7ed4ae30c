WITH orders AS (
  SELECT
    stg_orders.order_id AS order_id,
    stg_orders.customer_id AS customer_id,
    stg_orders.amount AS amount,
    stg_orders.status AS status,
    stg_orders.ordered_at AS ordered_at
  FROM analytics.stg_orders AS stg_orders
)
SELECT
  c.customer_id AS customer_id,
  c.name AS name,
  c.email AS email,
  SUM(CASE WHEN o.status = 'shipped' THEN o.amount ELSE 0 END) AS shipped_amount,
  SUM(CASE WHEN o.status = 'returned' THEN o.amount ELSE 0 END) AS returned_amount,
  COUNT(o.order_id) AS orders
FROM analytics.stg_customers AS c
LEFT JOIN orders AS o
  ON o.customer_id = c.customer_id
GROUP BY
  c.customer_id,
  c.name,
  c.email
