// Benchmark diagnostic: restores the Loadout id constraint exactly as migration V001 made it.
CREATE CONSTRAINT loadout_id IF NOT EXISTS FOR (n:Loadout) REQUIRE n.id IS UNIQUE
