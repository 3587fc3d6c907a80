// Every unit id: the units the history benchmark gives versions.
MATCH (u:Unit)
RETURN u.id AS id
