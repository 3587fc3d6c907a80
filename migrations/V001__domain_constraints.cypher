// Unique ids for every domain entity (docs/model.md). Each constraint owns a RANGE index,
// so lookups by id are index seeks.
CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT equipment_id IF NOT EXISTS FOR (n:Equipment) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT category_id IF NOT EXISTS FOR (n:Category) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT loadout_id IF NOT EXISTS FOR (n:Loadout) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT location_id IF NOT EXISTS FOR (n:Location) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT calculation_id IF NOT EXISTS FOR (n:Calculation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT accepted_violation_id IF NOT EXISTS
FOR (n:AcceptedViolation) REQUIRE n.id IS UNIQUE;
