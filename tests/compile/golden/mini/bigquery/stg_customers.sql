SELECT
  CAST(`customers`.`id` AS INT64) AS `customer_id`,
  `customers`.`name` AS `name`,
  LOWER(`customers`.`email`) AS `email`
FROM `analytics_raw`.`customers` AS `customers`
