// One page of Loadout ids after `after`, in id order: how maintenance walks every loadout.
// @param after: the last id of the previous page ('' for the first)
// @param limit: page size
// @tenancy: platform
MATCH (n:Loadout)
WHERE n.id > $after
RETURN n.id AS id
ORDER BY id
LIMIT $limit
