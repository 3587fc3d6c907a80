// Undo: drop every stored version, the archive records, and the schema that served them.
// The audit Changes stay.
MATCH (v:Version) DETACH DELETE v;
MATCH (a:HistoryArchive) DETACH DELETE a;
DROP CONSTRAINT `history_archive_key` IF EXISTS;
DROP INDEX `version_entity_id` IF EXISTS;
DROP CONSTRAINT `version_key` IF EXISTS;
