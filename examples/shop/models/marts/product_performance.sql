{#- Sales per product (cancelled and returned orders excluded), ranked within category. -#}

with sales as (

    select
        items.product_id,
        count(distinct items.order_id) as orders,
        sum(items.quantity) as units_sold,
        sum(items.line_total) as revenue,
        min(orders.ordered_at) as first_sold_at,
        max(orders.ordered_at) as last_sold_at
    from {{ ref('stg_order_items') }} as items
    inner join {{ ref('fct_orders') }} as orders
        on items.order_id = orders.order_id
    where orders.status not in ('cancelled', 'returned')
    group by items.product_id

)

select
    products.product_id,
    products.sku,
    products.product_name,
    products.category,
    products.price,
    products.weight_grams,
    products.is_active,
    coalesce(sales.orders, 0) as orders,
    coalesce(sales.units_sold, 0) as units_sold,
    coalesce(sales.revenue, 0) as revenue,
    sales.first_sold_at,
    sales.last_sold_at,
    rank() over (
        partition by products.category
        order by coalesce(sales.revenue, 0) desc
    ) as category_rank,
    coalesce(sales.revenue, 0)
        / nullif(sum(coalesce(sales.revenue, 0)) over (partition by products.category), 0)
        as category_revenue_share
from {{ ref('stg_products') }} as products
left join sales
    on products.product_id = sales.product_id
