// Removes the restore marker: the restored graph checked out against its backup.
MATCH (m:__Restore)
DELETE m
