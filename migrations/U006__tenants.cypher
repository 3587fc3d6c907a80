// Undo: one graph again. Every unit, loadout, custom item, version and Change loses its
// tenant (so what other tenants owned becomes visible to all, as before tenants), and the
// tenants and their keys are deleted: back up first (`graphstore backup create`).
MATCH (n:Unit) WHERE n.tenant IS NOT NULL REMOVE n.tenant;
MATCH (n:Loadout) WHERE n.tenant IS NOT NULL REMOVE n.tenant;
MATCH (n:Equipment) WHERE n.tenant IS NOT NULL REMOVE n.tenant;
MATCH (n:Category) WHERE n.tenant IS NOT NULL REMOVE n.tenant;
MATCH (v:Version) WHERE v.tenant IS NOT NULL REMOVE v.tenant;
MATCH (c:Change) WHERE c.tenant IS NOT NULL REMOVE c.tenant;
MATCH (k:ApiKey) DETACH DELETE k;
MATCH (t:Tenant) DETACH DELETE t;
DROP INDEX `api_key_hash` IF EXISTS;
DROP CONSTRAINT `api_key_id` IF EXISTS;
DROP CONSTRAINT `tenant_id` IF EXISTS;
