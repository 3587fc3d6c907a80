// The unique constraint that makes the migration lock a lock: only one lock node per name.
CREATE CONSTRAINT migration_lock_name IF NOT EXISTS
FOR (l:__MigrationLock) REQUIRE l.name IS UNIQUE
