// A mount points at an Equipment:Unresolved placeholder: the importer could not match the
// reference to a catalog item. Other rules cannot judge it (it has no properties), so this
// warning says so. One row per (placeholder, location); proof has the original id and the
// importer's candidate ids.
// Aggregates are collected first and tested in a later clause: the local engine does not
// see an aggregate nested inside an expression (true IN collect(...)) as a grouping.
// A hypothetical check (compatible_equipment, explain) only keeps rows involving the
// candidate, so it looks at the candidate's mount alone.
// @id: unresolved_equipment
// @severity: warning
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}]}
// @include rules/fragments/checks
// rule body
UNWIND [m IN mounts WHERE check.equipment_id IS NULL OR m.hypothetical] AS mount
WITH check, loadout, mount, mount.equipment AS item
WHERE item:Unresolved
WITH check, loadout, item, mount.location AS location,
  collect(mount.hypothetical) AS hypothetical_flags, collect(mount.from_source) AS sources
RETURN check.key AS check_key, loadout.id AS loadout_id, 'unresolved_equipment' AS rule,
  null AS severity, item.id AS equipment_id, location,
  'unresolved equipment reference ' + coalesce(item.original_id, item.id) AS message,
  {original_id: item.original_id, candidates: item.candidates} AS proof,
  CASE WHEN false IN sources THEN 'design' ELSE 'source_data' END AS cause,
  CASE WHEN false IN sources THEN null
    ELSE 'the source file names an item the catalog cannot resolve to one item'
  END AS source_note,
  true IN hypothetical_flags AS involves_candidate
