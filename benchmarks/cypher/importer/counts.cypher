// Benchmark: node and edge counts of the imported shapes, to check both runs wrote the same.
RETURN COUNT { MATCH (:Unit) } AS units,
  COUNT { MATCH (:Location) } AS locations,
  COUNT { MATCH (:Loadout) } AS loadouts,
  COUNT { MATCH (:Equipment) } AS equipment,
  COUNT { MATCH (:Category) } AS categories,
  COUNT { MATCH ()-[:MOUNTS]->() } AS mounts,
  COUNT { MATCH ()-[:HAS_LOCATION]->() } AS has_location,
  COUNT { MATCH ()-[:HAS_LOADOUT]->() } AS has_loadout,
  COUNT { MATCH ()-[:IN_CATEGORY]->() } AS in_category,
  COUNT { MATCH ()-[:SUBCATEGORY_OF]->() } AS subcategory_of
