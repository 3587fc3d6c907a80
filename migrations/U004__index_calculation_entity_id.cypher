// Undo: drop the index on Calculation.entity_id.
DROP INDEX `calculation_entity_id` IF EXISTS;
