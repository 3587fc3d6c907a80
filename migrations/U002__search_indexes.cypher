// Undo V002: drop the search and filter indexes.
DROP INDEX mounts_mount_id IF EXISTS;
DROP INDEX change_entity_id IF EXISTS;
DROP INDEX loadout_unit_id IF EXISTS;
DROP INDEX equipment_search_name IF EXISTS;
DROP INDEX equipment_tonnage IF EXISTS;
DROP INDEX equipment_battle_value IF EXISTS;
DROP INDEX equipment_intro_year IF EXISTS;
DROP INDEX equipment_rules_level IF EXISTS;
DROP INDEX equipment_tech_base IF EXISTS;
DROP INDEX unit_search_name IF EXISTS;
DROP INDEX unit_unit_type IF EXISTS;
DROP INDEX unit_tonnage IF EXISTS;
DROP INDEX unit_battle_value IF EXISTS;
DROP INDEX unit_year IF EXISTS;
DROP INDEX unit_rules_level IF EXISTS;
DROP INDEX unit_era IF EXISTS;
DROP INDEX unit_tech_base IF EXISTS;
