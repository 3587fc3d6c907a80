// Version history (graphstore.store.history): one Version node per committed change of a
// unit or a loadout. Its key (label:id#number) is unique, so two writers can never store
// one version twice; entity_id finds an entity's versions. The versions of what existed
// before this migration are recorded by `graphstore migrate` right after it (a version
// of each with source "migration"): Cypher alone cannot serialise their content.
CREATE CONSTRAINT `version_key` IF NOT EXISTS FOR (v:`Version`) REQUIRE v.`key` IS UNIQUE;
CREATE INDEX `version_entity_id` IF NOT EXISTS FOR (v:`Version`) ON (v.`entity_id`);
// What `graphstore history compact` archived, per entity: the hashes its chain follows.
CREATE CONSTRAINT `history_archive_key` IF NOT EXISTS FOR (a:`HistoryArchive`) REQUIRE a.`key` IS UNIQUE;
