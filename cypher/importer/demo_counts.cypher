// Counts of the domain graph for the demo tour.
// @tenancy: platform
RETURN COUNT { MATCH (:Unit) } AS units,
  COUNT { MATCH (e:Equipment) WHERE NOT e:Unresolved } AS equipment,
  COUNT { MATCH (:Equipment:Unresolved) } AS unresolved,
  COUNT { MATCH (:Category) } AS categories,
  COUNT { MATCH (:Loadout) } AS loadouts,
  COUNT { MATCH (:Loadout)-[:MOUNTS]->() } AS mounts,
  COUNT { MATCH (:Equipment)-[:CONFLICTS_WITH]->() } AS conflicts,
  COUNT { MATCH (:Equipment)-[:REQUIRES]->() } AS requirements
