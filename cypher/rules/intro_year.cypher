// The item was introduced after the unit's year. Items or units without a year are not
// judged. One row per (item, location).
// Aggregates are collected first and tested in a later clause: the local engine does not
// see an aggregate nested inside an expression (true IN collect(...)) as a grouping.
// A hypothetical check (compatible_equipment, explain) only keeps rows involving the
// candidate, so it looks at the candidate's mount alone.
// Interpretation, and where it differs from MegaMek: MegaMek dates an item by prototype,
// production and common years, and knows extinction and reintroduction (the ER large laser
// of the Star League, lost, back in 3037). The catalog holds one introductionYear per item,
// often the reintroduction, so a Star League design can look too early. The rule compares
// that one year; cause source_data when every such mount came from the unit's file (the
// published design and the catalog's single date disagree), design otherwise.
// @id: intro_year
// @severity: error
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}]}
// @include rules/fragments/checks
// rule body
UNWIND [m IN mounts WHERE check.equipment_id IS NULL OR m.hypothetical] AS mount
WITH check, loadout, unit, mount, mount.equipment AS item
WHERE item.intro_year > unit.year
WITH check, loadout, unit, item, mount.location AS location,
  collect(mount.hypothetical) AS hypothetical_flags, collect(mount.from_source) AS sources
RETURN check.key AS check_key, loadout.id AS loadout_id, 'intro_year' AS rule, null AS severity,
  item.id AS equipment_id, location,
  coalesce(item.name, item.id) + ' was introduced in ' + toString(item.intro_year)
  + ', after the unit year ' + toString(unit.year) AS message,
  {intro_year: item.intro_year, unit_year: unit.year} AS proof,
  CASE WHEN false IN sources THEN 'design' ELSE 'source_data' END AS cause,
  CASE WHEN false IN sources THEN null
    ELSE 'the source file dates the unit ' + toString(unit.year) + ' and mounts this item; '
      + 'the catalog holds one introduction year per item, not its prototype, extinction or '
      + 'reintroduction dates'
  END AS source_note,
  true IN hypothetical_flags AS involves_candidate
