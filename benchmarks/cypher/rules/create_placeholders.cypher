// Benchmark data: creates Equipment:Unresolved placeholders like the importer does.
// @param rows: list of {id, original_id, name, candidates}
UNWIND $rows AS row
CREATE (placeholder:Equipment:Unresolved)
SET placeholder = row
