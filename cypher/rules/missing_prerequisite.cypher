// A mounted item REQUIRES an Equipment or a Category that no other item in the loadout
// satisfies. An Equipment requirement is met by mounting that item; a Category
// requirement by mounting any member of it or of one of its subcategories (IN_CATEGORY,
// then any number of SUBCATEGORY_OF steps up). The requiring item never satisfies itself.
// One row per (item, location, requirement); proof names the requirement and its kind.
// Aggregates are collected first and tested in a later clause: the local engine does not
// see an aggregate nested inside an expression (true IN collect(...)) as a grouping.
// A hypothetical check (compatible_equipment, explain) only keeps rows involving the
// candidate, so it looks at the candidate's mount alone.
// @id: missing_prerequisite
// @severity: error
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}]}
// @include rules/fragments/checks
// rule body
UNWIND [m IN mounts WHERE check.equipment_id IS NULL OR m.hypothetical] AS mount
WITH check, loadout, mounts, mount, mount.equipment AS item
UNWIND mount.requires AS required
WITH check, loadout, mounts, mount, item, required,
  [other IN mounts WHERE other.equipment.id <> item.id | other.equipment] AS others
WITH check, loadout, mount, item, required,
  CASE
    WHEN required:Category THEN any(other IN others WHERE EXISTS {
      (other)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(required)
    })
    ELSE any(other IN others WHERE other.id = required.id)
  END AS satisfied
WHERE NOT satisfied
WITH check, loadout, item, mount.location AS location, required,
  collect(mount.hypothetical) AS hypothetical_flags
RETURN check.key AS check_key, loadout.id AS loadout_id, 'missing_prerequisite' AS rule,
  null AS severity, item.id AS equipment_id, location,
  coalesce(item.name, item.id) + ' requires ' + coalesce(required.name, required.id)
  + ', which the loadout does not mount' AS message,
  {
    requires: required.id,
    requires_kind: CASE WHEN required:Category THEN 'Category' ELSE 'Equipment' END
  } AS proof,
  'design' AS cause, null AS source_note,
  true IN hypothetical_flags AS involves_candidate
