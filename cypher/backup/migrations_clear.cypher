// Removes the migration history a restore's own migrate step wrote, before the backup's
// history is restored in its place (the schema those migrations made stays).
MATCH (m:__Migration)
DETACH DELETE m
