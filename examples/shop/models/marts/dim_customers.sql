{#- One row per customer with order history and lifetime value (cancelled and returned
    orders do not count towards value). -#}

with customers as (

    select * from {{ ref('stg_customers') }}

),

customer_orders as (

    select
        customer_id,
        min(ordered_at) as first_order_at,
        max(ordered_at) as last_order_at,
        count(*) as order_count,
        sum(
            case when status in ('cancelled', 'returned') then 0 else amount end
        ) as lifetime_value
    from {{ ref('fct_orders') }}
    where customer_id is not null
    group by customer_id

)

select
    customers.customer_id,
    customers.full_name,
    customers.email,
    customers.phone,
    customers.country,
    countries.country_name,
    countries.region,
    customers.city,
    customers.signup_date,
    customers.marketing_opt_in,
    customer_orders.first_order_at,
    customer_orders.last_order_at,
    coalesce(customer_orders.order_count, 0) as order_count,
    coalesce(customer_orders.lifetime_value, 0) as lifetime_value,
    case
        when customer_orders.order_count is null then 'prospect'
        when customer_orders.lifetime_value >= 500 then 'vip'
        when customer_orders.order_count >= 3 then 'repeat'
        else 'one_time'
    end as segment
from customers
left join customer_orders
    on customers.customer_id = customer_orders.customer_id
left join {{ ref('country_codes') }} as countries
    on customers.country = countries.country_code
