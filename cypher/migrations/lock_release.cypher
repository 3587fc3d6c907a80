// Releases the migration lock if this owner still holds it.
// @param name: the lock's name
// @param owner: the owner releasing it
MATCH (l:__MigrationLock {name: $name, owner: $owner})
DELETE l
RETURN count(*) AS released
