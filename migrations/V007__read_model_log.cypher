// The write log read models follow (graphstore.readmodel): each audit Change records its
// place in the log (`log_key`, graphstore.store.audit.log_key), which this index serves as
// a range. Older Changes have none: a read model starts from a rebuild, after them. And the
// node that names the graph for read models is one per graph.
CREATE INDEX `change_log_key` IF NOT EXISTS FOR (c:`Change`) ON (c.`log_key`);
CREATE CONSTRAINT `read_model_epoch_id` IF NOT EXISTS FOR (e:`__ReadModelEpoch`) REQUIRE e.`id` IS UNIQUE;
