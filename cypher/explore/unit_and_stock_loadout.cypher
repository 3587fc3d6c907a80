// A unit, its locations, its stock loadout and the items that loadout mounts, with the
// MOUNTS relationships (location and quantity on each).
// @param unit_id: the Unit id
// @tenancy: platform
// @example: {"unit_id": "hunchback-hbk-4g"}
MATCH (unit:Unit {id: $unit_id})
OPTIONAL MATCH (unit)-[located:HAS_LOCATION]->(place:Location)
WITH unit, collect(located) AS located, collect(place) AS places
OPTIONAL MATCH (unit)-[owns:HAS_LOADOUT]->(loadout:Loadout {is_stock: true})
OPTIONAL MATCH (loadout)-[mount:MOUNTS]->(item:Equipment)
RETURN unit, located, places, owns, loadout, collect(mount) AS mounts,
  collect(DISTINCT item) AS items
