SELECT
  country,
  TIMESTAMP_TRUNC(signup_date, MONTH) AS signup_month,
  COUNT(DISTINCT customer_id) AS customers,
  SUM(lifetime_value) AS revenue,
  MEDIAN(lifetime_value) AS median_value,
  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY
    lifetime_value NULLS LAST) AS p90_value,
  COUNT(CASE WHEN active THEN customer_id END) AS active_customers,
  CAST(COUNT(CASE WHEN active THEN customer_id END) AS FLOAT64) / NULLIF(COUNT(DISTINCT customer_id), 0) AS active_share
FROM stg_customers
WHERE
  NOT lifetime_value IS NULL
GROUP BY
  ROLLUP (
    country,
    TIMESTAMP_TRUNC(signup_date, MONTH)
  )
