// The rows `n`, sorted on one property then the id (ties never reorder between pages), as
// `total` (how many) and `items` (the properties of the page's rows only): one pass over the
// matches. Measured on the local engine at 100k units, one pass beats a page query plus a
// count query (two scans) for every list but the most selective (docs/benchmarks.md, Scale).
// @param sort: the property to sort on (a whitelisted, indexed one)
// @param descending: sort descending
// @param skip: rows before the page
// @param limit: the page size
WITH n
ORDER BY
  CASE WHEN $descending THEN null ELSE n[$sort] END ASC,
  CASE WHEN $descending THEN n[$sort] END DESC,
  n.id ASC
WITH collect(n) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | properties(x)] AS items
