// Takes over a lock from a holder known to be gone. Matches the old owner, so two
// processes taking over at once cannot both win.
// @param name: the lock's name
// @param previous_owner: the owner being replaced
// @param owner: the new owner
// @param host: the new owner's host name
// @param pid: the new owner's process id
// @param ttl_s: seconds until the lock expires unless extended
MATCH (l:__MigrationLock {name: $name, owner: $previous_owner})
SET
  l.owner = $owner,
  l.host = $host,
  l.pid = $pid,
  l.acquired_at = datetime(),
  l.expires_at = datetime() + duration({seconds: $ttl_s})
RETURN l.owner AS owner
