INSERT INTO greetings VALUES (1, 'hello'), (2, 'hallo'), (3, 'hej');
