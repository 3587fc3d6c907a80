// Two mounted items conflict. CONFLICTS_WITH is read in both directions: A->B and B->A
// both count, and so does an item conflicting with a Category that the other item belongs
// to (IN_CATEGORY, then any number of SUBCATEGORY_OF steps up), from either side. This is
// how "one myomer type" is stated: each myomer conflicts with the myomer category.
// One row per (item, location it is mounted at, other item); the other item gets its own
// row, so both sides are flagged. An item never conflicts with itself. proof.via lists the
// categories the conflict goes through; proof.direct says an Equipment-Equipment edge exists.
// Aggregates are collected first and tested in a later clause: the local engine does not
// see an aggregate nested inside an expression (true IN collect(...)) as a grouping.
// Pairs are built only from items that carry a CONFLICTS_WITH edge (usually few); each
// related pair yields both orders, and category membership is walked only for those pairs.
// A hypothetical check (compatible_equipment, explain) keeps only pairs with the candidate.
// @id: conflict
// @severity: error
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}]}
// @include rules/fragments/checks
// rule body
UNWIND mounts AS x
WITH check, loadout, mounts, x
WHERE size(x.conflicts) > 0 OR size(x.conflict_categories) > 0
UNWIND mounts AS y
WITH check, loadout, x, y, y.equipment AS member
WHERE x.equipment.id <> y.equipment.id
  AND (check.equipment_id IS NULL OR x.hypothetical OR y.hypothetical)
WITH check, loadout, x, y,
  y.equipment.id IN x.conflicts AS direct,
  [
    category IN x.conflict_categories
    WHERE EXISTS { (member)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(category) }
    | category.id
  ] AS via
WHERE direct OR size(via) > 0
UNWIND [[x, y], [y, x]] AS pair
WITH check, loadout, pair[0] AS a, pair[1] AS b, direct, via
WITH check, loadout, a.equipment AS item, a.location AS location, b.equipment AS other,
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
  'design' AS cause, null AS source_note,
  true IN hypothetical_flags AS involves_candidate
