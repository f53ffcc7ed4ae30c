-- title: date_to_text_with_format
-- model:
SELECT date_trunc('month', ordered_on) AS month, count(*) AS n FROM raw.orders WHERE ordered_on < DATE '2024-06-01' GROUP BY 1 ORDER BY 1
-- dialect: duckdb
SELECT
  DATE_TRUNC('MONTH', CAST(TRY_STRPTIME(ordered_on, '%d.%m.%Y') AS DATE)) AS month,
  COUNT(*) AS n
FROM raw.orders
WHERE
  CAST(TRY_STRPTIME(ordered_on, '%d.%m.%Y') AS DATE) < CAST('2024-06-01' AS DATE)
GROUP BY
  1
ORDER BY
  1
-- dialect: postgres
SELECT
  DATE_TRUNC('MONTH', TO_DATE(ordered_on, 'DD.MM.YYYY')) AS month,
  COUNT(*) AS n
FROM raw.orders
WHERE
  TO_DATE(ordered_on, 'DD.MM.YYYY') < CAST('2024-06-01' AS DATE)
GROUP BY
  1
ORDER BY
  1
-- dialect: spark
SELECT
  DATE_TRUNC('MONTH', TO_DATE(ordered_on, 'd.M.yyyy')) AS month,
  COUNT(*) AS n
FROM raw.orders
WHERE
  TO_DATE(ordered_on, 'd.M.yyyy') < CAST('2024-06-01' AS DATE)
GROUP BY
  1
ORDER BY
  1 NULLS LAST
