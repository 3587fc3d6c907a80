"""The catalog generation: a count of changes to the shared catalog (equipment, categories and
the rule edges between them), kept in the graph.

Every write that may change the catalog runs CHANGED in its own transaction: the store's
catalog repositories, repairs and purges (graphstore.store.scope.CatalogScope) and the data
steps of migrations. graphstore.search.cache reads READ to know whether a cached catalog
lookup still holds.
"""

CHANGED = "store/catalog_changed"
READ = "search/catalog_generation"
