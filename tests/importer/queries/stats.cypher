// Counts the importer's graph shapes (test support).
RETURN COUNT { MATCH (:Unit) } AS units,
  COUNT { MATCH (e:Equipment) WHERE NOT e:Unresolved } AS equipment,
  COUNT { MATCH (:Equipment:Unresolved) } AS placeholders,
  COUNT { MATCH (:Loadout {is_stock: true}) } AS stock_loadouts,
  COUNT { MATCH (:Unit)-[:HAS_LOCATION]->(:Location) } AS locations,
  COUNT { MATCH (:Loadout)-[:MOUNTS]->() } AS mounts,
  COUNT { MATCH (:Loadout)-[:MOUNTS]->(:Unresolved) } AS unresolved_mounts,
  COUNT { MATCH (:Unit)-[:HAS_LOADOUT]->(:Loadout) } AS has_loadout
