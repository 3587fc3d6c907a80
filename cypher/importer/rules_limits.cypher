// Sets max_per_unit and max_per_location on catalog items, bumping version only when a
// limit changes. A null limit removes it.
// @param rows: list of {id, max_per_unit, max_per_location}
UNWIND $rows AS row
MATCH (e:Equipment {id: row.id})
WHERE NOT e:Unresolved
WITH e, row
WHERE coalesce(e.max_per_unit, -1) <> coalesce(row.max_per_unit, -1)
  OR coalesce(e.max_per_location, -1) <> coalesce(row.max_per_location, -1)
SET e.max_per_unit = row.max_per_unit, e.max_per_location = row.max_per_location,
  e.version = coalesce(e.version, 0) + 1, e.updated_at = datetime()
RETURN count(e) AS written
