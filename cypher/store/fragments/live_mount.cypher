// When the loadout `l`'s mount of `item` counts for the mounted-equipment filter: the
// loadout is live, and the item too unless soft-deleted ones are asked for.
// @param include_deleted: also soft-deleted items
WHERE l.deleted_at IS NULL AND ($include_deleted OR item.deleted_at IS NULL)
