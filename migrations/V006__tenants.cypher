// Tenants (graphstore.tenancy): a Tenant owns units, loadouts and custom catalog items,
// stamped on each as `tenant`; what carries no `tenant` is shared. Everything that existed
// before moves into the `default` tenant, except the catalog (equipment, categories),
// which stays shared. Versions and audit Changes record the tenant too. API keys are
// ApiKey nodes, each of one tenant, holding only a hash of the key.
CREATE CONSTRAINT `tenant_id` IF NOT EXISTS FOR (t:`Tenant`) REQUIRE t.`id` IS UNIQUE;
CREATE CONSTRAINT `api_key_id` IF NOT EXISTS FOR (k:`ApiKey`) REQUIRE k.`id` IS UNIQUE;
CREATE INDEX `api_key_hash` IF NOT EXISTS FOR (k:`ApiKey`) ON (k.`hash`);
MERGE (t:Tenant {id: 'default'}) ON CREATE SET t.name = 'default', t.extensions = '[]', t.quotas = '{}';
MATCH (n:Unit) WHERE n.tenant IS NULL SET n.tenant = 'default';
MATCH (n:Loadout) WHERE n.tenant IS NULL SET n.tenant = 'default';
MATCH (v:Version) WHERE v.tenant IS NULL AND v.entity_label IN ['Unit', 'Loadout'] SET v.tenant = 'default';
MATCH (c:Change) WHERE c.tenant IS NULL AND c.entity_label IN ['Unit', 'Loadout'] SET c.tenant = 'default';
