CREATE TABLE greetings (id integer PRIMARY KEY, text text NOT NULL);
INSERT INTO greetings VALUES (1, 'hello');
