// Undo V001: drop the unique id constraints (and the indexes they own).
DROP CONSTRAINT accepted_violation_id IF EXISTS;
DROP CONSTRAINT calculation_id IF EXISTS;
DROP CONSTRAINT change_id IF EXISTS;
DROP CONSTRAINT location_id IF EXISTS;
DROP CONSTRAINT loadout_id IF EXISTS;
DROP CONSTRAINT category_id IF EXISTS;
DROP CONSTRAINT equipment_id IF EXISTS;
DROP CONSTRAINT unit_id IF EXISTS;
