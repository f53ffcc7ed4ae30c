-- title: number_to_text_with_tokens
-- model:
SELECT customer, sum(qty) AS qty, count(qty) AS n FROM raw.orders GROUP BY 1 ORDER BY 1
-- dialect: duckdb
SELECT
  customer,
  SUM(
    TRY_CAST(CASE
      WHEN LOWER(TRIM(qty)) IN ('', 'na', 'n/a', 'null', 'none', '-', 'nan', '#n/a', 'nil')
      THEN NULL
      ELSE qty
    END AS BIGINT)
  ) AS qty,
  COUNT(
    TRY_CAST(CASE
      WHEN LOWER(TRIM(qty)) IN ('', 'na', 'n/a', 'null', 'none', '-', 'nan', '#n/a', 'nil')
      THEN NULL
      ELSE qty
    END AS BIGINT)
  ) AS n
FROM raw.orders
GROUP BY
  1
ORDER BY
  1
-- dialect: postgres
SELECT
  customer,
  SUM(
    CAST(CASE
      WHEN LOWER(TRIM(qty)) IN ('', 'na', 'n/a', 'null', 'none', '-', 'nan', '#n/a', 'nil')
      THEN NULL
      ELSE qty
    END AS BIGINT)
  ) AS qty,
  COUNT(
    CAST(CASE
      WHEN LOWER(TRIM(qty)) IN ('', 'na', 'n/a', 'null', 'none', '-', 'nan', '#n/a', 'nil')
      THEN NULL
      ELSE qty
    END AS BIGINT)
  ) AS n
FROM raw.orders
GROUP BY
  1
ORDER BY
  1
-- dialect: spark
SELECT
  customer,
  SUM(
    CAST(CASE
      WHEN LOWER(TRIM(qty)) IN ('', 'na', 'n/a', 'null', 'none', '-', 'nan', '#n/a', 'nil')
      THEN NULL
      ELSE qty
    END AS BIGINT)
  ) AS qty,
  COUNT(
    CAST(CASE
      WHEN LOWER(TRIM(qty)) IN ('', 'na', 'n/a', 'null', 'none', '-', 'nan', '#n/a', 'nil')
      THEN NULL
      ELSE qty
    END AS BIGINT)
  ) AS n
FROM raw.orders
GROUP BY
  1
ORDER BY
  1 NULLS LAST
