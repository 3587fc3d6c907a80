"""Version history of units and loadouts: every committed change kept as an immutable,
hash-chained version (a delta, or a snapshot every SNAPSHOT_EVERY), read back by number or
time, compared, restored, branched and merged."""
