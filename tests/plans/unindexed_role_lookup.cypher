// Test query: units by role, a property no index serves (what the advice must catch).
// @param role: a unit role
// @example: {"role": "Sniper"}
MATCH (u:Unit)
WHERE u.role = $role
RETURN u.id AS id
