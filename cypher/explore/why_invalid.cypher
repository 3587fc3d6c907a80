// Why a loadout is invalid, drawn: the pairs it mounts that conflict directly
// (mount, CONFLICTS_WITH, mount), and the items it mounts whose REQUIRES target (an item or
// a category) nothing it mounts satisfies. The loadout's validation lists every rule.
// @param loadout_id: the Loadout id
// @tenancy: platform
// @example: {"loadout_id": "hunchback-hbk-4g-demo-conflict.stock"}
MATCH (loadout:Loadout {id: $loadout_id})
OPTIONAL MATCH (loadout)-[first:MOUNTS]->(a:Equipment)-[conflict:CONFLICTS_WITH]->(b:Equipment)
  <-[second:MOUNTS]-(loadout)
WITH loadout, collect(first) + collect(second) AS conflicting_mounts,
  collect(a) + collect(b) AS conflicting_items, collect(conflict) AS conflicts
OPTIONAL MATCH (loadout)-[needing:MOUNTS]->(item:Equipment)-[requirement:REQUIRES]->(needed)
WHERE NOT EXISTS { (loadout)-[:MOUNTS]->(needed) }
  AND NOT EXISTS {
    (loadout)-[:MOUNTS]->(:Equipment)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(needed)
  }
RETURN loadout, conflicting_mounts, conflicting_items, conflicts,
  collect(needing) AS needing_mounts, collect(item) AS needing_items,
  collect(requirement) AS requirements, collect(needed) AS missing
