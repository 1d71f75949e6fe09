-- The order's reference (K7M4-Q2XD), learned from Ordering's events with its customer, so that notifications about
-- payments and shipments, whose events carry only the order id, name the order as Ordering does. Null for orders
-- learned from events published before Ordering had references, until a later Ordering event tells it.
ALTER TABLE order_customers ADD COLUMN reference text;
