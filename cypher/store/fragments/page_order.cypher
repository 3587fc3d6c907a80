// One page of the rows `n`, sorted on one property then the id (ties never reorder between
// pages), before any of their properties is read.
// @param sort: the property to sort on (a whitelisted, indexed one)
// @param descending: sort descending
// @param skip: rows before the page
// @param limit: the page size
WITH n
ORDER BY
  CASE WHEN $descending THEN null ELSE n[$sort] END ASC,
  CASE WHEN $descending THEN n[$sort] END DESC,
  n.id ASC
SKIP $skip
LIMIT $limit
