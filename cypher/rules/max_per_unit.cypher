// An item declares max_per_unit and the loadout mounts it more often (MOUNTS relationships
// to the same Equipment, any location). One row per item; location is null.
// Aggregates are collected first and tested in a later clause: the local engine does not
// see an aggregate nested inside an expression (true IN collect(...)) as a grouping.
// A hypothetical check (compatible_equipment, explain) only keeps rows involving the
// candidate, so it counts only mounts of the candidate's item.
// @id: max_per_unit
// @severity: error
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}]}
// @include rules/fragments/checks
// rule body
UNWIND [
  m IN mounts WHERE check.equipment_id IS NULL OR m.equipment.id = check.equipment_id
] AS mount
WITH check, loadout, mount, mount.equipment AS item
WHERE item.max_per_unit IS NOT NULL
WITH check, loadout, item, count(*) AS mounted,
  collect(mount.hypothetical) AS hypothetical_flags
WHERE mounted > item.max_per_unit
RETURN check.key AS check_key, loadout.id AS loadout_id, 'max_per_unit' AS rule,
  null AS severity, item.id AS equipment_id, null AS location,
  toString(mounted) + ' x ' + coalesce(item.name, item.id) + ' on the unit, at most '
  + toString(item.max_per_unit) + ' allowed' AS message,
  {count: mounted, limit: item.max_per_unit} AS proof,
  'design' AS cause, null AS source_note,
  true IN hypothetical_flags AS involves_candidate
