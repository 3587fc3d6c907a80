// Creates or updates :Equipment:Unresolved placeholders for references the importer could not
// resolve. They carry no search_name, so catalog search never finds them.
// @param rows: list of {id, original_id, name, candidates}
UNWIND $rows AS row
MERGE (e:Equipment:Unresolved {id: row.id})
ON CREATE SET e.version = 0, e.created_at = datetime()
WITH e, row
WHERE e.version = 0 OR e.name IS NULL OR e.name <> row.name
  OR e.candidates IS NULL OR e.candidates <> row.candidates
SET e.original_id = row.original_id, e.name = row.name, e.candidates = row.candidates,
  e.version = e.version + 1, e.updated_at = datetime()
RETURN count(e) AS written
