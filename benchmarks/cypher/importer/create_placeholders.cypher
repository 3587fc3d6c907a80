// Benchmark baseline: plain CREATE of unresolved placeholders.
// @param rows: list of {id, original_id, name, candidates}
UNWIND $rows AS row
CREATE (e:Equipment:Unresolved)
SET e = row, e.version = 1, e.created_at = datetime(), e.updated_at = datetime()
RETURN count(e) AS created
