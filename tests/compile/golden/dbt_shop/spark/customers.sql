WITH `__dn_eph_stg_customer_notes` AS (
  SELECT
    `customer_notes`.`customer_id` AS `customer_id`,
    COUNT(*) AS `note_count`,
    MAX(`customer_notes`.`noted_at`) AS `last_noted_at`
  FROM `crm`.`customer_notes` AS `customer_notes`
  GROUP BY
    `customer_notes`.`customer_id`
), `customers` AS (
  SELECT
    `stg_customers`.`customer_id` AS `customer_id`,
    `stg_customers`.`first_name` AS `first_name`,
    `stg_customers`.`last_name` AS `last_name`
  FROM `default`.`stg_customers` AS `stg_customers`
), `orders` AS (
  SELECT
    `stg_orders`.`order_id` AS `order_id`,
    `stg_orders`.`customer_id` AS `customer_id`,
    `stg_orders`.`order_date` AS `order_date`,
    `stg_orders`.`status` AS `status`
  FROM `default`.`stg_orders` AS `stg_orders`
), `payments` AS (
  SELECT
    `stg_payments`.`payment_id` AS `payment_id`,
    `stg_payments`.`order_id` AS `order_id`,
    `stg_payments`.`payment_method` AS `payment_method`,
    `stg_payments`.`amount` AS `amount`
  FROM `default`.`stg_payments` AS `stg_payments`
), `notes` AS (
  SELECT
    `stg_customer_notes`.`customer_id` AS `customer_id`,
    `stg_customer_notes`.`note_count` AS `note_count`,
    `stg_customer_notes`.`last_noted_at` AS `last_noted_at`
  FROM `__dn_eph_stg_customer_notes` AS `stg_customer_notes`
), `customer_orders` AS (
  SELECT
    `orders`.`customer_id` AS `customer_id`,
    MIN(`orders`.`order_date`) AS `first_order`,
    MAX(`orders`.`order_date`) AS `most_recent_order`,
    COUNT(`orders`.`order_id`) AS `number_of_orders`
  FROM `orders` AS `orders`
  GROUP BY
    `orders`.`customer_id`
), `customer_payments` AS (
  SELECT
    `orders`.`customer_id` AS `customer_id`,
    SUM(`payments`.`amount`) AS `total_amount`
  FROM `payments` AS `payments`
  LEFT JOIN `orders` AS `orders`
    ON `payments`.`order_id` = `orders`.`order_id`
  GROUP BY
    `orders`.`customer_id`
), `final` AS (
  SELECT
    `customers`.`customer_id` AS `customer_id`,
    `customers`.`first_name` AS `first_name`,
    `customers`.`last_name` AS `last_name`,
    `customer_orders`.`first_order` AS `first_order`,
    `customer_orders`.`most_recent_order` AS `most_recent_order`,
    `customer_orders`.`number_of_orders` AS `number_of_orders`,
    `customer_payments`.`total_amount` AS `customer_lifetime_value`,
    COALESCE(`notes`.`note_count`, 0) AS `note_count`
  FROM `customers` AS `customers`
  LEFT JOIN `customer_orders` AS `customer_orders`
    ON `customers`.`customer_id` = `customer_orders`.`customer_id`
  LEFT JOIN `customer_payments` AS `customer_payments`
    ON `customers`.`customer_id` = `customer_payments`.`customer_id`
  LEFT JOIN `notes` AS `notes`
    ON `customers`.`customer_id` = `notes`.`customer_id`
)
SELECT
  `final`.`customer_id` AS `customer_id`,
  `final`.`first_name` AS `first_name`,
  `final`.`last_name` AS `last_name`,
  `final`.`first_order` AS `first_order`,
  `final`.`most_recent_order` AS `most_recent_order`,
  `final`.`number_of_orders` AS `number_of_orders`,
  `final`.`customer_lifetime_value` AS `customer_lifetime_value`,
  `final`.`note_count` AS `note_count`
FROM `final` AS `final`
