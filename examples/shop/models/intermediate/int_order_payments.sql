{#- Payments pivoted to one row per order: what each method paid, refunds, and totals. -#}

{%- set payment_methods = ['credit_card', 'paypal', 'bank_transfer', 'gift_card'] %}

select
    order_id,
    {%- for method in payment_methods %}
    sum(case when method = '{{ method }}' and not is_refund then amount else 0 end)
        as {{ method }}_amount,
    {%- endfor %}
    sum(case when is_refund then 0 else amount end) as amount_paid,
    sum(case when is_refund then -amount else 0 end) as amount_refunded,
    count(*) as payment_count,
    max(paid_at) as last_paid_at
from {{ ref('stg_payments') }}
group by order_id
