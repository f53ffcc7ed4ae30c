{{ config(materialized='view') }}

{#- The product catalogue with prices in currency units and weights in grams.
    Weights were typed as '3,750 g' (comma = thousands) or '1.2 kg'. -#}

select
    product_id,
    sku,
    trim(name) as product_name,
    upper(substr(trim(category), 1, 1)) || lower(substr(trim(category), 2)) as category,
    {{ cents_to_dollars('price_cents') }} as price,
    cast(
        case
            when weight like '%kg' then cast(trim(replace(weight, 'kg', '')) as decimal(10, 3)) * 1000
            when weight like '%g' then cast(trim(replace(replace(weight, ',', ''), 'g', '')) as decimal(10, 3))
        end as integer
    ) as weight_grams,
    is_active,
    created_at
from {{ source('raw', 'products') }}
