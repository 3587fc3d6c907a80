// One page of Unit ids after `after`, in id order: how maintenance walks every unit.
// @param after: the last id of the previous page ('' for the first)
// @param limit: page size
// @tenancy: platform
MATCH (n:Unit)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit
