{#- One row per payment or refund, amounts signed (refunds negative) and numeric.
    The processor formats amounts by the payer's locale: '$1,234.50' and 'USD 12.50' for
    some, '€1.234,50' and '12,50 €' for European payers (a comma decimal separator), and
    refunds as '(12.00)', '-12.00' or a plain amount with is_refund set. -#}

{%- set noise = ['€', '$', 'USD', '(', ')', '-', ' '] %}

with source as (

    select * from {{ source('raw', 'payments') }}

),

normalized as (

    select
        payment_id,
        order_id,
        lower(replace(trim(method), ' ', '_')) as method,
        case
            when lower(trim(is_refund)) in ('y', 'yes', 'true', 't', '1') then true
            else false
        end as is_refund,
        case when amount like '%€%' then 1 else 0 end as comma_decimal,
        {{ strip_tokens('amount', noise) }} as amount_text,
        cast(paid_at as timestamp) as paid_at
    from source

),

parsed as (

    select
        payment_id,
        order_id,
        method,
        is_refund,
        cast(
            case
                when comma_decimal = 1 then replace(replace(amount_text, '.', ''), ',', '.')
                else replace(amount_text, ',', '')
            end as decimal(12, 2)
        ) as amount_abs,
        paid_at,
        row_number() over (partition by payment_id order by paid_at) as row_num
    from normalized

)

select
    payment_id,
    order_id,
    method,
    is_refund,
    case when is_refund then -amount_abs else amount_abs end as amount,
    paid_at
from parsed
where row_num = 1
