// Undo: drop every stored version and the schema that served them. The audit Changes stay.
MATCH (v:Version) DETACH DELETE v;
DROP INDEX `version_entity_id` IF EXISTS;
DROP CONSTRAINT `version_key` IF EXISTS;
