WITH `source` AS (
  SELECT
    `raw_payments`.`id` AS `id`,
    `raw_payments`.`order_id` AS `order_id`,
    `raw_payments`.`payment_method` AS `payment_method`,
    `raw_payments`.`amount` AS `amount`
  FROM `analytics`.`raw_payments` AS `raw_payments`
), `renamed` AS (
  SELECT
    `source`.`id` AS `payment_id`,
    `source`.`order_id` AS `order_id`,
    `source`.`payment_method` AS `payment_method`,
    ROUND(1.0 * `source`.`amount` / 100, 2) AS `amount` /* `amount` is stored in cents, convert it to dollars */
  FROM `source` AS `source`
)
SELECT
  `renamed`.`payment_id` AS `payment_id`,
  `renamed`.`order_id` AS `order_id`,
  `renamed`.`payment_method` AS `payment_method`,
  `renamed`.`amount` AS `amount`
FROM `renamed` AS `renamed`
