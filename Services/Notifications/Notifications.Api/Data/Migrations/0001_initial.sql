-- Which customer an order belongs to, learned from Ordering's events: payment and shipment events carry only the order id.
CREATE TABLE order_customers (
    order_id     uuid        PRIMARY KEY,
    customer_id  text        NOT NULL,
    recorded_at  timestamptz NOT NULL
);

-- One row per customer-facing event, written in the transaction that marks the event handled (the inbox).
-- sent_at is null until the sender has delivered it: the rows are their own outbox.
CREATE TABLE notifications (
    id               uuid        PRIMARY KEY,
    message_id       uuid        NOT NULL UNIQUE,
    customer_id      text        NOT NULL,
    order_id         uuid        NOT NULL,
    kind             text        NOT NULL,
    text             text        NOT NULL,
    occurred_at      timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL,
    sent_at          timestamptz,
    send_attempts    integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_error       text,
    -- Insertion order: the sender delivers oldest first.
    position         bigint      GENERATED ALWAYS AS IDENTITY
);

-- A customer's list, newest first, keyset-paged on (occurred_at, id).
CREATE INDEX notifications_by_customer ON notifications (customer_id, occurred_at DESC, id DESC);

-- The sender only ever looks for what is still unsent.
CREATE INDEX notifications_unsent ON notifications (next_attempt_at, position) WHERE sent_at IS NULL;
