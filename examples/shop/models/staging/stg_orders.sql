{{ config(materialized='incremental', unique_key='order_id') }}

{#- One row per order from the order system's monthly NDJSON files.
    Amounts arrive as '$1,234.50' / 'USD 1,234.50' text, status in any case (and two
    spellings of cancelled), and the exporter sometimes writes an order twice. Orders before
    var('start_date') were test traffic before launch. Incremental: a run only reads orders
    newer than the newest one already built. -#}

with source as (

    select * from {{ source('raw', 'orders') }}

),

typed as (

    select
        o.order_id,
        o.customer_id,
        cast(o.ordered_at as timestamp) as ordered_at,
        case lower(trim(o.status))
            when 'canceled' then 'cancelled'
            else lower(trim(o.status))
        end as status,
        cast(trim({{ strip_tokens('o.amount', ['USD', '$', ',']) }}) as decimal(12, 2)) as amount,
        o.shipping.city as shipping_city,
        upper(trim(o.shipping.country)) as shipping_country,
        o.shipping.postal_code as shipping_postal_code,
        o.coupon_code
    from source as o
    where cast(o.ordered_at as timestamp) >= cast('{{ var("start_date") }}' as timestamp)

),

deduplicated as (

    select
        *,
        row_number() over (partition by order_id order by ordered_at) as row_num
    from typed

),

orders as (

    select
        order_id,
        customer_id,
        ordered_at,
        status,
        amount,
        shipping_city,
        shipping_country,
        shipping_postal_code,
        coupon_code
    from deduplicated
    where row_num = 1

)

select * from orders
{% if is_incremental() %}
where ordered_at > (select max(ordered_at) from {{ this }})
{% endif %}
