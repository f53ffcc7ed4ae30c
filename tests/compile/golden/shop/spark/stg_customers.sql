SELECT
  CAST(`customers`.`id` AS INT) AS `customer_id`,
  `customers`.`first_name` AS `first_name`,
  `customers`.`last_name` AS `last_name`,
  `customers`.`email` AS `email`,
  `customers`.`phone` AS `phone`,
  `customers`.`signup_date` AS `signup_date`,
  `customers`.`country` AS `country`,
  `customers`.`city` AS `city`,
  `customers`.`marketing_opt_in` AS `marketing_opt_in`,
  `customers`.`updated_at` AS `updated_at`,
  `customers`.`first_name` || ' ' || `customers`.`last_name` AS `full_name`
FROM `raw`.`customers` AS `customers`
WHERE
  NOT CAST(`customers`.`id` AS INT) IS NULL
