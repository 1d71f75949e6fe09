-- Not idempotent on purpose: running it twice would fail on the primary key.
INSERT INTO greetings VALUES (2, 'hej');
