// Benchmark diagnostic: drops the Loadout id constraint (and its RANGE index) to measure
// what the index is worth to validate. restore_loadout_id_constraint puts it back.
DROP CONSTRAINT loadout_id IF EXISTS
