-- aggregate: grain=day
SELECT
  _source.customer_id AS customer_id,
  DATE_TRUNC('DAY', _source.ordered_at) AS order_day,
  SUM(_source.amount) AS revenue,
  COUNT(DISTINCT _source.order_id) AS orders
FROM (
  SELECT
    stg_orders.order_id AS order_id,
    stg_orders.customer_id AS customer_id,
    stg_orders.ordered_at AS ordered_at,
    stg_orders.status AS status,
    stg_orders.amount AS amount,
    stg_orders.shipping_city AS shipping_city,
    stg_orders.shipping_country AS shipping_country,
    stg_orders.shipping_postal_code AS shipping_postal_code,
    stg_orders.coupon_code AS coupon_code
  FROM analytics.stg_orders AS stg_orders
  WHERE
    NOT stg_orders.status IN ('cancelled', 'returned')
    AND NOT stg_orders.customer_id IS NULL
) AS _source
GROUP BY
  _source.customer_id,
  DATE_TRUNC('DAY', _source.ordered_at)
