// Undo V003: entities and Changes get their old ids back, and `imported_from` goes.
MATCH (n)
WHERE n.id_before_v003 IS NOT NULL AND (n:Category OR n:Equipment)
SET n.id = n.id_before_v003
REMOVE n.id_before_v003;
MATCH (change:Change)
WHERE change.entity_id_before_v003 IS NOT NULL
SET change.entity_id = change.entity_id_before_v003
REMOVE change.entity_id_before_v003;
MATCH (n)
WHERE n.imported_from IS NOT NULL AND (n:Unit OR n:Equipment OR n:Category OR n:Loadout)
REMOVE n.imported_from;
