WITH sales AS (
  SELECT
    items.product_id AS product_id,
    COUNT(DISTINCT items.order_id) AS orders,
    SUM(items.quantity) AS units_sold,
    SUM(items.line_total) AS revenue,
    MIN(orders.ordered_at) AS first_sold_at,
    MAX(orders.ordered_at) AS last_sold_at
  FROM analytics.stg_order_items AS items
  INNER JOIN analytics.fct_orders AS orders
    ON items.order_id = orders.order_id
  WHERE
    NOT orders.status IN ('cancelled', 'returned')
  GROUP BY
    items.product_id
)
SELECT
  products.product_id AS product_id,
  products.sku AS sku,
  products.product_name AS product_name,
  products.category AS category,
  products.price AS price,
  products.weight_grams AS weight_grams,
  products.is_active AS is_active,
  COALESCE(sales.orders, 0) AS orders,
  COALESCE(sales.units_sold, 0) AS units_sold,
  COALESCE(sales.revenue, 0) AS revenue,
  sales.first_sold_at AS first_sold_at,
  sales.last_sold_at AS last_sold_at,
  RANK() OVER (
    PARTITION BY products.category
    ORDER BY COALESCE(sales.revenue, 0) DESC NULLS LAST
  ) AS category_rank,
  COALESCE(sales.revenue, 0) / NULLIF(SUM(COALESCE(sales.revenue, 0)) OVER (PARTITION BY products.category), 0) AS category_revenue_share
FROM analytics.stg_products AS products
LEFT JOIN sales AS sales
  ON products.product_id = sales.product_id
