WITH "source" AS (
  SELECT
    "raw_customers"."id" AS "id",
    "raw_customers"."first_name" AS "first_name",
    "raw_customers"."last_name" AS "last_name"
  FROM "analytics"."raw_customers" AS "raw_customers"
), "renamed" AS (
  SELECT
    "source"."id" AS "customer_id",
    "source"."first_name" AS "first_name",
    "source"."last_name" AS "last_name"
  FROM "source" AS "source"
)
SELECT
  "renamed"."customer_id" AS "customer_id",
  "renamed"."first_name" AS "first_name",
  "renamed"."last_name" AS "last_name"
FROM "renamed" AS "renamed"
