// The ids of all units (test support).
MATCH (u:Unit)
RETURN u.id AS id
