// Creates or updates Equipment:Unresolved placeholders: an importer's references no catalog
// item matched. They carry no search_name, so catalog search never offers them. A row
// that changes nothing writes nothing.
// @param rows: [{id, original_id, name, candidates, imported_from}]
// @param now: the write time
// @tenancy: resolved
// @example: {"rows": [{"id": "unresolved-x", "original_id": "x", "name": "x", "candidates": [], "imported_from": "units"}], "now": "2026-11-30T12:00:00Z"}
UNWIND $rows AS row
MERGE (n:Equipment:Unresolved {id: row.id})
ON CREATE SET n.version = 0, n.created_at = $now
WITH n, row, properties(n) AS before
WHERE before.version = 0 OR before.name <> row.name OR before.original_id <> row.original_id
  OR before.candidates <> row.candidates
SET n.original_id = row.original_id, n.name = row.name, n.candidates = row.candidates,
  n.imported_from = row.imported_from, n.version = n.version + 1, n.updated_at = $now
RETURN n.id AS id, before, properties(n) AS props
