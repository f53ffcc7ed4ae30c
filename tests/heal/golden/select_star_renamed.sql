-- title: select_star_renamed
-- model:
SELECT o.* FROM raw.orders AS o ORDER BY o.id
-- dialect: duckdb
SELECT
  "o"."id",
  "o"."client" AS "customer",
  "o"."amount",
  "o"."ordered_on",
  "o"."qty",
  "o"."store"
FROM raw.orders AS o
ORDER BY
  o.id
-- dialect: postgres
SELECT
  "o"."id",
  "o"."client" AS "customer",
  "o"."amount",
  "o"."ordered_on",
  "o"."qty",
  "o"."store"
FROM raw.orders AS o
ORDER BY
  o.id
-- dialect: spark
SELECT
  `o`.`id`,
  `o`.`client` AS `customer`,
  `o`.`amount`,
  `o`.`ordered_on`,
  `o`.`qty`,
  `o`.`store`
FROM raw.orders AS o
ORDER BY
  o.id NULLS LAST
