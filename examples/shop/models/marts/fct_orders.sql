{#- One row per order with its lines and payments rolled up. -#}

with orders as (

    select * from {{ ref('stg_orders') }}

),

items as (

    select
        order_id,
        count(*) as line_count,
        sum(quantity) as units,
        sum(line_total) as items_total
    from {{ ref('stg_order_items') }}
    group by order_id

),

payments as (

    select * from {{ ref('int_order_payments') }}

)

select
    orders.order_id,
    orders.customer_id,
    orders.ordered_at,
    cast(orders.ordered_at as date) as order_date,
    orders.status,
    orders.amount,
    coalesce(items.line_count, 0) as line_count,
    coalesce(items.units, 0) as units,
    coalesce(items.items_total, 0) as items_total,
    coalesce(payments.amount_paid, 0) as amount_paid,
    coalesce(payments.amount_refunded, 0) as amount_refunded,
    coalesce(payments.amount_paid, 0) - coalesce(payments.amount_refunded, 0) as net_paid,
    coalesce(payments.gift_card_amount, 0) as gift_card_amount,
    case
        when orders.status in ('shipped', 'delivered') then true
        else false
    end as is_fulfilled,
    orders.coupon_code,
    orders.shipping_city,
    orders.shipping_country
from orders
left join items
    on orders.order_id = items.order_id
left join payments
    on orders.order_id = payments.order_id
