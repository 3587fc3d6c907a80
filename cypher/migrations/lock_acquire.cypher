// Takes the migration lock by creating its node; fails on the unique constraint when held.
// @param name: the lock's name
// @param owner: a unique id of the taker
// @param host: the taker's host name
// @param pid: the taker's process id
// @param ttl_s: seconds until the lock expires unless extended
CREATE (l:__MigrationLock {name: $name, owner: $owner, host: $host, pid: $pid})
SET l.acquired_at = datetime(), l.expires_at = datetime() + duration({seconds: $ttl_s})
RETURN l.owner AS owner
