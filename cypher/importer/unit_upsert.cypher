// Creates or updates units whose file or resolution changed, bumping version.
// @param rows: list of {id, props}
UNWIND $rows AS row
MERGE (u:Unit {id: row.id})
ON CREATE SET u.version = 0, u.created_at = datetime()
SET u += row.props, u.version = u.version + 1, u.updated_at = datetime()
RETURN count(u) AS written
