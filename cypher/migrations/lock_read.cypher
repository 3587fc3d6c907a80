// The migration lock, if held, and whether it has expired.
// @param name: the lock's name
MATCH (l:__MigrationLock {name: $name})
RETURN l {.*, expired: l.expires_at < datetime()} AS lock
