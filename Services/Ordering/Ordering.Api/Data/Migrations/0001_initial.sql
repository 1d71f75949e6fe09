-- The write model: what the customer ordered, with Catalog's names and prices at the moment of placement.
CREATE TABLE orders (
    order_id             uuid          PRIMARY KEY,
    customer_id          text          NOT NULL,
    status               text          NOT NULL CHECK (status IN ('pending', 'cancellation-requested', 'confirmed', 'cancelled')),
    currency             text          NOT NULL,
    total                numeric(14,2) NOT NULL CHECK (total >= 0),
    recipient_name       text          NOT NULL,
    line1                text          NOT NULL,
    line2                text,
    city                 text          NOT NULL,
    postal_code          text          NOT NULL,
    country              text          NOT NULL,
    payment_token        text          NOT NULL,
    cancellation_reason  text,
    placed_at            timestamptz   NOT NULL,
    updated_at           timestamptz   NOT NULL
);

CREATE TABLE order_lines (
    order_id      uuid          NOT NULL REFERENCES orders (order_id),
    position      integer       NOT NULL,
    product_id    integer       NOT NULL,
    product_name  text          NOT NULL,
    unit_price    numeric(14,2) NOT NULL CHECK (unit_price >= 0),
    quantity      integer       NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, position),
    UNIQUE (order_id, product_id)
);

-- A place-order request's Idempotency-Key, per customer: the primary key is what makes concurrent duplicates safe.
-- The original response is kept as it was sent, so a repeat gets it back unchanged however the order moved on.
CREATE TABLE idempotency_keys (
    customer_id          text        NOT NULL,
    idempotency_key      text        NOT NULL,
    request_fingerprint  text        NOT NULL,
    order_id             uuid        NOT NULL REFERENCES orders (order_id),
    response_body        text        NOT NULL,
    created_at           timestamptz NOT NULL,
    PRIMARY KEY (customer_id, idempotency_key)
);

-- The timeline: one row per fact, append-only. Every kind of fact happens at most once to an order, so a fact that
-- arrives twice (even under another message id) is recorded once.
CREATE TABLE order_timeline (
    position     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id     uuid        NOT NULL REFERENCES orders (order_id),
    kind         text        NOT NULL,
    description  text        NOT NULL,
    data         jsonb       NOT NULL,
    occurred_at  timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (order_id, kind)
);

CREATE FUNCTION order_timeline_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'order_timeline is append-only: facts are never updated or deleted';
END;
$$;

CREATE TRIGGER order_timeline_append_only
    BEFORE UPDATE OR DELETE ON order_timeline
    FOR EACH ROW EXECUTE FUNCTION order_timeline_is_append_only();

-- The read model: each order as its customer sees it, folded from the timeline (and rebuildable from it).
CREATE TABLE order_views (
    order_id     uuid        PRIMARY KEY,
    customer_id  text        NOT NULL,
    placed_at    timestamptz NOT NULL,
    document     jsonb       NOT NULL
);

-- "My orders", newest first, keyset-paged.
CREATE INDEX order_views_by_customer ON order_views (customer_id, placed_at DESC, order_id DESC);
