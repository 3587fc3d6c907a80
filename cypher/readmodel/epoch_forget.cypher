// Makes every read model of this graph rebuild: what an operation that changes data
// without writing to the log (a restore, a tenant deleted with its data) runs afterwards.
// @tenancy: platform
MATCH (e:__ReadModelEpoch)
DELETE e
RETURN count(*) AS forgotten
