-- The transactional outbox: events written in the same transaction as the state change they announce.
CREATE TABLE outbox_messages (
    id           uuid        PRIMARY KEY,
    event_name   text        NOT NULL,
    payload      jsonb       NOT NULL,
    occurred_at  timestamptz NOT NULL,
    traceparent  text,
    tracestate   text,
    sent_at      timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text,
    -- Insertion order, for delivery in commit-ish order without relying on clocks.
    position     bigint      GENERATED ALWAYS AS IDENTITY
);

-- The dispatcher only ever looks for what is still unsent.
CREATE INDEX outbox_messages_unsent ON outbox_messages (position) WHERE sent_at IS NULL;
CREATE INDEX outbox_messages_sent ON outbox_messages (sent_at) WHERE sent_at IS NOT NULL;

-- The inbox: one row per message a consumer has handled, committed with the handler's own writes.
CREATE TABLE inbox_messages (
    message_id   uuid        NOT NULL,
    consumer     text        NOT NULL,
    event_name   text        NOT NULL,
    handled_at   timestamptz NOT NULL,
    PRIMARY KEY (message_id, consumer)
);

CREATE INDEX inbox_messages_handled ON inbox_messages (handled_at);
