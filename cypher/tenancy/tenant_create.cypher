// Creates a Tenant. CREATE, never MERGE: an id that exists already fails on the unique
// constraint (AlreadyExistsError), even when two creates of it race.
// @tenancy: platform
// @param id: the tenant id
// @param name: a display name
// @param now: the write time
// @example: {"id": "guild-a", "name": "Guild A", "now": "2026-11-30T12:00:00Z"}
CREATE (t:Tenant {id: $id, name: $name, created_at: $now, extensions: '[]', quotas: '{}'})
RETURN properties(t) AS tenant
