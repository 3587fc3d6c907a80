// Creates or updates catalog categories. A category's version starts at 1 and is bumped only
// when the import changes its name or path.
// @param rows: list of {id, name, path}
UNWIND $rows AS row
MERGE (c:Category {id: row.id})
ON CREATE SET c.version = 0, c.created_at = datetime()
WITH c, row
WHERE c.version = 0 OR c.name IS NULL OR c.name <> row.name OR c.path IS NULL
  OR c.path <> row.path
SET c.name = row.name, c.path = row.path, c.version = c.version + 1, c.updated_at = datetime()
RETURN count(c) AS written
