// Catalog equipment whose name holds every search token, best first: names starting with
// the whole query, then names with a word starting with the first token, then the rest.
// Unresolved placeholders and soft-deleted items are never offered.
// @param q: the lower-cased query as typed
// @param tokens: the lower-cased words of the query
// @param word_prefix: ' ' + the first token, to find a word that starts with it
// @param limit: how many suggestions
// @param tenant: the scope's tenant: what it sees is the shared data and this tenant's (filled in by the store)
// @example: {"q": null, "tokens": ["laser"], "word_prefix": " laser", "limit": 50}
// @scan: a name matches anywhere (CONTAINS) and the local engine has no full-text index; the catalog is small and results are cached (graphstore.search.cache)
MATCH (e:Equipment)
WHERE e.deleted_at IS NULL AND NOT e:Unresolved AND (e.tenant IS NULL OR e.tenant = $tenant)
  AND e.search_name CONTAINS $tokens[0]
  AND all(token IN $tokens WHERE e.search_name CONTAINS token)
WITH e,
  CASE
    WHEN e.search_name STARTS WITH $q THEN 0
    WHEN (' ' + e.search_name) CONTAINS $word_prefix THEN 1
    ELSE 2
  END AS rank
RETURN e.id AS id, e.name AS name, e.tech_base AS tech_base, rank
ORDER BY rank, size(e.search_name), e.search_name
LIMIT $limit
