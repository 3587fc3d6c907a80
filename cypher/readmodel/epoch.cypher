// Which graph this is, to a read model (graphstore.readmodel): the epoch the first read
// model made for it. A graph emptied or replaced (a restore, a test's wipe) has none, so a
// read model copying it rebuilds. Also the last migration record: a migration may change data
// without writing to the log, so a read model made before the last migration record (the
// highest `seq`: each migrate and rollback adds one) rebuilds too.
// @tenancy: platform
OPTIONAL MATCH (epoch:__ReadModelEpoch {id: 'graph'})
OPTIONAL MATCH (m:__Migration)
RETURN epoch.epoch AS epoch, max(m.seq) AS migrations
