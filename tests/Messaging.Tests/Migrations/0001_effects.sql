-- What the test handlers do: one row per handled event, so a test counts effects, not calls.
CREATE TABLE effects (
    message_id uuid        NOT NULL,
    value      text        NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
