-- Tokenized cards: only what may be kept. The card number and the CVC never reach the database.
CREATE TABLE card_tokens (
    token        text        PRIMARY KEY CHECK (token ~ '^tok_[0-9a-f]{32}$'),
    last4        text        NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
    brand        text        NOT NULL,
    expiry_month integer     NOT NULL CHECK (expiry_month BETWEEN 1 AND 12),
    expiry_year  integer     NOT NULL,
    created_at   timestamptz NOT NULL
);

-- One payment per order. A declined authorization is kept too (status 'declined'), so a repeat gets the same answer.
CREATE TABLE payments (
    order_id       uuid          PRIMARY KEY,
    token          text          NOT NULL REFERENCES card_tokens (token),
    amount         numeric(12,2) NOT NULL CHECK (amount > 0),
    currency       text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status         text          NOT NULL CHECK (status IN ('authorized', 'captured', 'voided', 'refunded', 'declined')),
    decline_reason text          CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
    authorized_at  timestamptz,
    captured_at    timestamptz,
    voided_at      timestamptz,
    refunded_at    timestamptz
);

-- What each operation answered, written in the same transaction as its effect: a repeat is answered from here,
-- exactly as the first time, and has no second effect.
CREATE TABLE payment_results (
    order_id     uuid        NOT NULL REFERENCES payments (order_id),
    operation    text        NOT NULL CHECK (operation IN ('authorize', 'capture', 'void', 'refund')),
    outcome      text        NOT NULL CHECK (outcome IN ('completed', 'declined')),
    reason       text,
    payment      jsonb       NOT NULL,
    completed_at timestamptz NOT NULL,
    PRIMARY KEY (order_id, operation)
);

-- Every call to the card network, answered or not: operators see what happened, and the attempt number the network
-- receives comes from here, so it is the same on every replica and after a restart.
CREATE TABLE processor_calls (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id       uuid        NOT NULL,
    operation      text        NOT NULL,
    attempt        integer     NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('approved', 'declined', 'unavailable', 'timed-out')),
    decline_reason text,
    called_at      timestamptz NOT NULL,
    answered_at    timestamptz NOT NULL,
    UNIQUE (order_id, operation, attempt)
);
