-- Orders whose payment was voided or refunded before any authorization existed. The saga registers a compensation
-- before its step runs, so a void can overtake an authorization that timed out on its way here; remembering the
-- void lets that late authorization be refused instead of holding money for an order that was already cancelled.
CREATE TABLE abandoned_orders (
    order_id    uuid        PRIMARY KEY,
    operation   text        NOT NULL CHECK (operation IN ('void', 'refund')),
    recorded_at timestamptz NOT NULL
);
