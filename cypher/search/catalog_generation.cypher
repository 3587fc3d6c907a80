// How many changes the shared catalog has had (store/catalog_changed): a cached catalog
// lookup read at this count is still the answer.
OPTIONAL MATCH (g:__CatalogGeneration)
RETURN coalesce(sum(g.value), 0) AS generation
