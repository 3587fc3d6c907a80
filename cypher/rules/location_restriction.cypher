// The item is mounted in a location its allowed_locations list does not name. A null or
// absent list means "anywhere"; an empty list means "nowhere". Whether the unit has such a
// location at all is not judged here. One row per (item, location).
// Aggregates are collected first and tested in a later clause: the local engine does not
// see an aggregate nested inside an expression (true IN collect(...)) as a grouping.
// A hypothetical check (compatible_equipment, explain) only keeps rows involving the
// candidate, so it looks at the candidate's mount alone.
// @id: location_restriction
// @severity: error
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}]}
// @include rules/fragments/checks
// rule body
UNWIND [m IN mounts WHERE check.equipment_id IS NULL OR m.hypothetical] AS mount
WITH check, loadout, mount, mount.equipment AS item
WHERE item.allowed_locations IS NOT NULL AND NOT mount.location IN item.allowed_locations
WITH check, loadout, item, mount.location AS location,
  collect(mount.hypothetical) AS hypothetical_flags
RETURN check.key AS check_key, loadout.id AS loadout_id, 'location_restriction' AS rule,
  null AS severity, item.id AS equipment_id, location,
  coalesce(item.name, item.id) + ' cannot be mounted in ' + location AS message,
  {allowed_locations: item.allowed_locations} AS proof,
  'design' AS cause, null AS source_note,
  true IN hypothetical_flags AS involves_candidate
