// The scope's tenant's live units whose `extra` lacks one of these names: what adding an
// extension with a default writes it into.
// @param tenant: the scope's tenant (filled in by the store)
// @param names: extension names
// @example: {"tenant": "default", "names": ["squad"]}
// @scan: runs when a tenant adds an extension, over the tenant's units
MATCH (u:Unit)
WHERE u.tenant = $tenant AND u.deleted_at IS NULL
  AND any(name IN $names WHERE u.extra IS NULL OR NOT u.extra CONTAINS ('"' + name + '":'))
RETURN u.id AS id
ORDER BY id
