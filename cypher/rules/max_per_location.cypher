// An item declares max_per_location and more copies of it (MOUNTS relationships to the same
// Equipment) sit in one location. One row per (item, location); proof has count and limit.
// Aggregates are collected first and tested in a later clause: the local engine does not
// see an aggregate nested inside an expression (true IN collect(...)) as a grouping.
// A hypothetical check (compatible_equipment, explain) only keeps rows involving the
// candidate, so it counts only mounts of the candidate's item.
// @id: max_per_location
// @severity: error
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}]}
// @include rules/fragments/checks
// rule body
UNWIND [
  m IN mounts WHERE check.equipment_id IS NULL OR m.equipment.id = check.equipment_id
] AS mount
WITH check, loadout, mount, mount.equipment AS item
WHERE item.max_per_location IS NOT NULL
WITH check, loadout, item, mount.location AS location, count(*) AS mounted,
  collect(mount.hypothetical) AS hypothetical_flags
WHERE mounted > item.max_per_location
RETURN check.key AS check_key, loadout.id AS loadout_id, 'max_per_location' AS rule,
  null AS severity, item.id AS equipment_id, location,
  toString(mounted) + ' x ' + coalesce(item.name, item.id) + ' in ' + location + ', at most '
  + toString(item.max_per_location) + ' allowed' AS message,
  {count: mounted, limit: item.max_per_location} AS proof,
  'design' AS cause, null AS source_note,
  true IN hypothetical_flags AS involves_candidate
