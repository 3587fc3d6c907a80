// A restore of one tenant that stopped part-way (graphstore.backup.tenant): what it staged,
// and what it took out of service, wait under ids no tenant can have until the next restore
// of the tenant clears them. The tenant's data is not there meanwhile.
// @severity: error
// @tenancy: platform
MATCH (m:__Restore)
WHERE m.tenant IS NOT NULL
RETURN 'Tenant' AS label, m.tenant AS id,
  'a restore of this tenant from ' + m.file + ' stopped part-way: run it again, which clears what it left and starts over' AS detail
