WITH `daily` AS (
  SELECT
    CAST(DATE_TRUNC('DAY', `fct_orders`.`ordered_at`) AS DATE) AS `order_day`,
    COUNT(*) AS `orders`,
    COUNT(DISTINCT `fct_orders`.`customer_id`) AS `customers`,
    SUM(`fct_orders`.`amount`) AS `revenue`,
    SUM(`fct_orders`.`net_paid`) AS `cash_collected`
  FROM `default`.`fct_orders` AS `fct_orders`
  WHERE
    NOT `fct_orders`.`status` IN ('cancelled', 'returned')
  GROUP BY
    CAST(DATE_TRUNC('DAY', `fct_orders`.`ordered_at`) AS DATE)
)
SELECT
  `daily`.`order_day` AS `order_day`,
  `daily`.`orders` AS `orders`,
  `daily`.`customers` AS `customers`,
  `daily`.`revenue` AS `revenue`,
  `daily`.`cash_collected` AS `cash_collected`,
  CAST(`daily`.`revenue` / `daily`.`orders` AS DECIMAL(12, 2)) AS `avg_order_value`,
  SUM(`daily`.`revenue`) OVER (
    ORDER BY `daily`.`order_day` NULLS LAST
    rows BETWEEN UNBOUNDED preceding AND CURRENT ROW
  ) AS `cumulative_revenue`,
  AVG(`daily`.`revenue`) OVER (ORDER BY `daily`.`order_day` NULLS LAST rows BETWEEN 6 preceding AND CURRENT ROW) AS `revenue_7d_avg`
FROM `daily` AS `daily`
