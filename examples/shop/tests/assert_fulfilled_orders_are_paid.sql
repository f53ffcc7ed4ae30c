-- Shipped and delivered orders must be paid in full: payments net of refunds equal the
-- order amount (to the cent). Returns the orders that are not.
select
    order_id,
    status,
    amount,
    net_paid
from {{ ref('fct_orders') }}
where is_fulfilled
  and abs(net_paid - amount) > 0.005
