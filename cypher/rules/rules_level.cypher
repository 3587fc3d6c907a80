// The item's rules level is above the unit's, ranked by $level_rank (RulesLevel's order:
// INTRODUCTORY < STANDARD < ADVANCED < EXPERIMENTAL < UNOFFICIAL). A level that is null or
// not in that list is not judged. One row per (item, location); proof carries both levels and their ranks (0-4).
// Aggregates are collected first and tested in a later clause: the local engine does not
// see an aggregate nested inside an expression (true IN collect(...)) as a grouping.
// A hypothetical check (compatible_equipment, explain) only keeps rows involving the
// candidate, so it looks at the candidate's mount alone.
// Interpretation, and where it differs from MegaMek: MegaMek's level of an item depends on
// the year (experimental while a prototype, advanced in production, standard once common)
// and on the unit's faction. The catalog holds one rulesLevel per item and no dates per
// level, so what the data supports is this single comparison. Cause source_data when every
// such mount came from the unit's file ("the unit declares STANDARD but mounts an ADVANCED
// item": the file's declared level and its catalog levels disagree), design otherwise.
// @id: rules_level
// @severity: error
// @param level_rank: each rules level's rank, 0 for the lowest
// @tenancy: resolved
// @example: {"level_rank": {"INTRODUCTORY": 0, "STANDARD": 1, "ADVANCED": 2, "EXPERIMENTAL": 3}, "checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}]}
// @include rules/fragments/checks
// rule body
UNWIND [m IN mounts WHERE check.equipment_id IS NULL OR m.hypothetical] AS mount
WITH check, loadout, unit, mount, mount.equipment AS item,
  $level_rank[unit.rules_level] AS unit_rank, $level_rank[mount.equipment.rules_level] AS item_rank
WHERE item_rank > unit_rank
WITH check, loadout, unit, unit_rank, item, item_rank, mount.location AS location,
  collect(mount.hypothetical) AS hypothetical_flags, collect(mount.from_source) AS sources
RETURN check.key AS check_key, loadout.id AS loadout_id, 'rules_level' AS rule, null AS severity,
  item.id AS equipment_id, location,
  coalesce(item.name, item.id) + ' is ' + item.rules_level + ', above the unit level '
  + unit.rules_level AS message,
  {
    equipment_level: item.rules_level,
    equipment_rank: item_rank,
    unit_level: unit.rules_level,
    unit_rank: unit_rank
  } AS proof,
  CASE WHEN false IN sources THEN 'design' ELSE 'source_data' END AS cause,
  CASE WHEN false IN sources THEN null
    ELSE 'the unit declares ' + unit.rules_level + ' but its source file mounts an '
      + item.rules_level + ' item; the catalog holds one level per item, not its level by era'
  END AS source_note,
  true IN hypothetical_flags AS involves_candidate
