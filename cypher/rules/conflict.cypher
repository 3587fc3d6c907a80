// Two mounted items conflict. CONFLICTS_WITH is read in both directions: A->B and B->A
// both count, and so does an item conflicting with a Category that the other item belongs
// to (IN_CATEGORY, then any number of SUBCATEGORY_OF steps up), from either side. This is
// how "one myomer type" is stated: each myomer conflicts with the myomer category.
// One row per (item, location it is mounted at, other item); the other item gets its own
// row, so both sides are flagged. An item never conflicts with itself. proof.via lists the
// categories the conflict goes through; proof.direct says an Equipment-Equipment edge exists.
// Aggregates are collected first and tested in a later clause: the local engine does not
// see an aggregate nested inside an expression (true IN collect(...)) as a grouping.
// @id: conflict
// @severity: error
// @param checks: list of {key, loadout_id, equipment_id, location}; equipment_id/location name a hypothetical extra mount (null for none)
UNWIND $checks AS check
MATCH (loadout:Loadout {id: check.loadout_id})<-[:HAS_LOADOUT]-(unit:Unit)
WITH check, loadout, COLLECT {
  MATCH (loadout)-[m:MOUNTS]->(e:Equipment)
  RETURN {equipment: e, location: m.location, hypothetical: false} AS mount
  UNION ALL
  MATCH (e:Equipment {id: check.equipment_id})
  RETURN {equipment: e, location: check.location, hypothetical: true} AS mount
} AS mounts
UNWIND mounts AS mount
WITH check, loadout, mounts, mount, mount.equipment AS item
WITH check, loadout, mounts, mount, item,
  [(item)-[:CONFLICTS_WITH]-(other:Equipment) | other.id] AS direct_ids,
  [(item)-[:CONFLICTS_WITH]->(category:Category) | category.id] AS conflict_categories,
  [(item)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(ancestor:Category) | ancestor.id]
    AS member_of
WITH check, loadout, collect({
  item: item, location: mount.location, hypothetical: mount.hypothetical,
  direct_ids: direct_ids, conflict_categories: conflict_categories, member_of: member_of
}) AS facts
UNWIND facts AS a
UNWIND facts AS b
WITH check, loadout, a, b
WHERE a.item.id <> b.item.id
WITH check, loadout, a, b,
  b.item.id IN a.direct_ids AS direct,
  [c IN a.conflict_categories WHERE c IN b.member_of]
  + [c IN b.conflict_categories WHERE c IN a.member_of] AS via
WHERE direct OR size(via) > 0
WITH check, loadout, a.item AS item, a.location AS location, b.item AS other,
  collect(a.hypothetical OR b.hypothetical) AS hypothetical_flags,
  collect(direct) AS direct_flags, collect(via) AS vias
RETURN check.key AS check_key, loadout.id AS loadout_id, 'conflict' AS rule, null AS severity,
  item.id AS equipment_id, location,
  coalesce(item.name, item.id) + ' conflicts with ' + coalesce(other.name, other.id) AS message,
  {
    conflicts_with: other.id,
    direct: true IN direct_flags,
    via: reduce(all_via = [], v IN vias | all_via + v)
  } AS proof,
  true IN hypothetical_flags AS involves_candidate
