// Every unit id: the units the history benchmark samples.
MATCH (u:Unit)
RETURN u.id AS id
