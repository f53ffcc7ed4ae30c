-- A mart: business-facing, built on staging models and seeds with ref().
with orders as (

    select * from {{ ref('stg_orders') }}
    where status <> 'cancelled'

)

select
    orders.customer_id,
    count(*) as order_count,
    sum(orders.amount) as total_amount,
    min(orders.ordered_at) as first_order_at,
    max(orders.ordered_at) as last_order_at,
    sum(case when statuses.is_final then 1 else 0 end) as completed_orders
from orders
left join {{ ref('order_statuses') }} as statuses
    on orders.status = statuses.status
group by orders.customer_id
