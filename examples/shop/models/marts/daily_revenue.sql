{#- Revenue per day with a running total and a 7-day moving average. Cancelled and returned
    orders are not revenue. -#}

with daily as (

    select
        cast(date_trunc('day', ordered_at) as date) as order_day,
        count(*) as orders,
        count(distinct customer_id) as customers,
        sum(amount) as revenue,
        sum(net_paid) as cash_collected
    from {{ ref('fct_orders') }}
    where status not in ('cancelled', 'returned')
    group by cast(date_trunc('day', ordered_at) as date)

)

select
    order_day,
    orders,
    customers,
    revenue,
    cash_collected,
    cast(revenue / orders as decimal(12, 2)) as avg_order_value,
    sum(revenue) over (
        order by order_day rows between unbounded preceding and current row
    ) as cumulative_revenue,
    avg(revenue) over (
        order by order_day rows between 6 preceding and current row
    ) as revenue_7d_avg
from daily
