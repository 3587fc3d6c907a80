// Counts one change to the shared catalog (equipment, categories and the rule edges between
// them), in the transaction that makes it: cached catalog lookups (graphstore.search.cache)
// stay valid while the count stands. Racing first writers may each create the counter; the
// readers add them all up, so every committed change still moves the sum.
MERGE (g:__CatalogGeneration {id: 'catalog'})
SET g.value = coalesce(g.value, 0) + 1
RETURN g.value AS value
