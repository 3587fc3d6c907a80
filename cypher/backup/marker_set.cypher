// Marks the graph as being restored: until the restore has checked its result, the schema
// guard refuses the graph (graphstore.migrations.guard) and the next restore starts over.
// @param file: the backup being restored
// @param now: when the restore began
CREATE (:__Restore {file: $file, started_at: $now})
