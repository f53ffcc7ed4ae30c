SELECT
  country,
  DATE_TRUNC('MONTH', signup_date) AS signup_month,
  COUNT(DISTINCT customer_id) AS customers,
  SUM(lifetime_value) AS revenue,
  MEDIAN(lifetime_value) AS median_value,
  PERCENTILE_APPROX(lifetime_value, 0.9) AS p90_value,
  COUNT(CASE WHEN active THEN customer_id END) AS active_customers,
  CAST(COUNT(CASE WHEN active THEN customer_id END) AS DOUBLE) / NULLIF(COUNT(DISTINCT customer_id), 0) AS active_share
FROM stg_customers
WHERE
  NOT lifetime_value IS NULL
GROUP BY
  ROLLUP (
    country,
    DATE_TRUNC('MONTH', signup_date)
  )
