// Tech base mismatch: a CLAN item on an INNER_SPHERE unit, or an INNER_SPHERE item on a
// CLAN unit. A MIXED unit takes both. An item or unit whose tech base is null or any other
// value is not judged (unknown is not a violation).
// One row per (item, location).
// Aggregates are collected first and tested in a later clause: the local engine does not
// see an aggregate nested inside an expression (true IN collect(...)) as a grouping.
// A hypothetical check (compatible_equipment, explain) only keeps rows involving the
// candidate, so it looks at the candidate's mount alone.
// cause: source_data when every such mount came from the unit's file (from_source): the
// file's declared tech base disagrees with its own equipment, after the importer used every
// piece of evidence the file has (graphstore.importer.resolution). MegaMek calls such a
// design mixed tech; here it stays an error, marked as the source's.
// Items for both tech bases: MegaMek gives some items TechBase.ALL (usable by either). The
// catalog gives every item one tech base (INNER_SPHERE or CLAN, none "both"), and
// name-mappings.json maps IS and Clan names to one id only where two different items share
// an id, so the data does not show which items are for both; this rule cannot apply
// MegaMek's ALL and judges the one tech base the catalog states.
// @id: tech_base
// @severity: error
// @tenancy: resolved
// @example: {"checks": [{"key": "", "loadout_id": "atlas-as7-d.stock", "equipment_id": null, "location": null}]}
// @include rules/fragments/checks
// rule body
UNWIND [m IN mounts WHERE check.equipment_id IS NULL OR m.hypothetical] AS mount
WITH check, loadout, unit, mount, mount.equipment AS item
WHERE unit.tech_base IN ['INNER_SPHERE', 'CLAN']
  AND item.tech_base IN ['INNER_SPHERE', 'CLAN']
  AND item.tech_base <> unit.tech_base
WITH check, loadout, unit, item, mount.location AS location,
  collect(mount.hypothetical) AS hypothetical_flags, collect(mount.from_source) AS sources
RETURN check.key AS check_key, loadout.id AS loadout_id, 'tech_base' AS rule, null AS severity,
  item.id AS equipment_id, location,
  coalesce(item.name, item.id) + ' is ' + item.tech_base + ' equipment on a ' + unit.tech_base
  + ' unit' AS message,
  {equipment_tech_base: item.tech_base, unit_tech_base: unit.tech_base} AS proof,
  CASE WHEN false IN sources THEN 'design' ELSE 'source_data' END AS cause,
  CASE WHEN false IN sources THEN null
    ELSE 'the unit declares ' + unit.tech_base + ' but its source file mounts a '
      + item.tech_base + ' item (mixed tech in the source)'
  END AS source_note,
  true IN hypothetical_flags AS involves_candidate
