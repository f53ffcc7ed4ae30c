-- A staging model: one source, renamed and typed. source('raw', 'orders') is declared in sources/raw.yml.
select
    order_id,
    customer_id,
    cast(ordered_at as timestamp) as ordered_at,
    lower(trim(status)) as status,
    cast(amount as decimal(12, 2)) as amount
from {{ source('raw', 'orders') }}
where cast(ordered_at as timestamp) >= cast('{{ var("start_date") }}' as timestamp)
