-- Stock per product. "available" (on_hand - reserved) is what can still be promised; the checks are the last line
-- of defence against overselling: a bug that would take stock below zero fails its transaction instead.
CREATE TABLE stock (
    product_id integer     PRIMARY KEY CHECK (product_id > 0),
    on_hand    integer     NOT NULL CHECK (on_hand >= 0),
    reserved   integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
);

-- One row per order id, whatever became of it: the key makes reserve, release and commit idempotent, and a
-- concurrent duplicate of the same order waits on it instead of reserving twice.
CREATE TABLE reservations (
    order_id   uuid        PRIMARY KEY,
    status     text        NOT NULL CHECK (status IN ('reserved', 'refused', 'released', 'committed')),
    -- A refusal's short lines, so a repeat of a refused reservation answers exactly what the first call did.
    shortages  jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reservations_shortages_only_when_refused CHECK ((shortages IS NOT NULL) = (status = 'refused'))
);

-- The lines asked for, refused reservations included (a repeat must ask for the same ones). No foreign key to stock:
-- an order may name a product Inventory has never stocked, and is then refused for it.
CREATE TABLE reservation_lines (
    order_id   uuid    NOT NULL REFERENCES reservations (order_id),
    product_id integer NOT NULL CHECK (product_id > 0),
    quantity   integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
