-- One shipment per order: the order id is the natural key that makes creating a shipment idempotent.
CREATE TABLE shipments (
    order_id                uuid          PRIMARY KEY,
    shipment_id             uuid          NOT NULL UNIQUE,
    status                  text          NOT NULL CHECK (status IN ('created', 'dispatched', 'cancelled')),
    -- Stored, not recomputed on read: the carrier knows the parcel by this number whatever the code does later.
    tracking_number         text          NOT NULL,
    recipient_name          text          NOT NULL,
    line1                   text          NOT NULL,
    line2                   text,
    city                    text          NOT NULL,
    postal_code             text          NOT NULL,
    country                 char(2)       NOT NULL,
    -- The quote at creation time: what the order was charged, however the tariff changes afterwards.
    price                   numeric(12,2) NOT NULL CHECK (price >= 0),
    currency                char(3)       NOT NULL,
    estimated_delivery_days integer       NOT NULL CHECK (estimated_delivery_days > 0),
    created_at              timestamptz   NOT NULL,
    dispatched_at           timestamptz,
    cancelled_at            timestamptz,
    -- Each final state has its timestamp, and only the state the shipment is in.
    CHECK ((status = 'dispatched') = (dispatched_at IS NOT NULL)),
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);

CREATE TABLE shipment_lines (
    order_id   uuid    NOT NULL REFERENCES shipments (order_id),
    -- The line's place in the request, so a shipment reads back in the order it was asked for.
    position   integer NOT NULL,
    product_id integer NOT NULL CHECK (product_id > 0),
    quantity   integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, position),
    UNIQUE (order_id, product_id)
);

-- Orders whose shipment was cancelled before it was created: the saga compensates a create whose request timed out
-- but may still be on its way. Remembering the cancellation lets that late create be refused instead of shipping
-- goods for an order that was rolled back.
CREATE TABLE shipment_tombstones (
    order_id     uuid        PRIMARY KEY,
    cancelled_at timestamptz NOT NULL
);
