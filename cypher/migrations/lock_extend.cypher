// Pushes the lock's expiry forward while its owner is still working.
// @param name: the lock's name
// @param owner: the current owner
// @param ttl_s: seconds from now until expiry
MATCH (l:__MigrationLock {name: $name, owner: $owner})
SET l.expires_at = datetime() + duration({seconds: $ttl_s})
RETURN count(l) AS extended
