// Indexes for search and filtering: tech base, era, rules level, intro year, battle value and
// tonnage; mount ids; and name search.
//
// Name search uses TEXT indexes on a lower-cased `search_name`, not a FULLTEXT index: the
// local engine rejects CREATE FULLTEXT INDEX, while TEXT indexes serve STARTS WITH and
// CONTAINS on both engines.
CREATE INDEX unit_tech_base IF NOT EXISTS FOR (n:Unit) ON (n.tech_base);
CREATE INDEX unit_era IF NOT EXISTS FOR (n:Unit) ON (n.era);
CREATE INDEX unit_rules_level IF NOT EXISTS FOR (n:Unit) ON (n.rules_level);
CREATE INDEX unit_year IF NOT EXISTS FOR (n:Unit) ON (n.year);
CREATE INDEX unit_battle_value IF NOT EXISTS FOR (n:Unit) ON (n.battle_value);
CREATE INDEX unit_tonnage IF NOT EXISTS FOR (n:Unit) ON (n.tonnage);
CREATE INDEX unit_unit_type IF NOT EXISTS FOR (n:Unit) ON (n.unit_type);
CREATE TEXT INDEX unit_search_name IF NOT EXISTS FOR (n:Unit) ON (n.search_name);
CREATE INDEX equipment_tech_base IF NOT EXISTS FOR (n:Equipment) ON (n.tech_base);
CREATE INDEX equipment_rules_level IF NOT EXISTS FOR (n:Equipment) ON (n.rules_level);
CREATE INDEX equipment_intro_year IF NOT EXISTS FOR (n:Equipment) ON (n.intro_year);
CREATE INDEX equipment_battle_value IF NOT EXISTS FOR (n:Equipment) ON (n.battle_value);
CREATE INDEX equipment_tonnage IF NOT EXISTS FOR (n:Equipment) ON (n.tonnage);
CREATE TEXT INDEX equipment_search_name IF NOT EXISTS FOR (n:Equipment) ON (n.search_name);
CREATE INDEX loadout_unit_id IF NOT EXISTS FOR (n:Loadout) ON (n.unit_id);
CREATE INDEX change_entity_id IF NOT EXISTS FOR (n:Change) ON (n.entity_id);
CREATE INDEX mounts_mount_id IF NOT EXISTS FOR ()-[r:MOUNTS]-() ON (r.mount_id);
