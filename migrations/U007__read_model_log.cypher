// Undoes V007: the log index and the epoch's constraint go, and so does the epoch, so any
// read model rebuilds when it meets the graph again.
DROP INDEX `change_log_key` IF EXISTS;
DROP CONSTRAINT `read_model_epoch_id` IF EXISTS;
MATCH (e:`__ReadModelEpoch`) DELETE e;
