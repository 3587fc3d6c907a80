// One page of Units matching the filters, sorted, with the total count, in one round trip.
// @param sort: the property to sort on (a whitelisted, indexed one)
// @param descending: sort descending
// @param skip: rows before the page
// @param limit: the page size
MATCH (u:Unit)
// @include store/fragments/unit_filter
WITH u
ORDER BY
  CASE WHEN $descending THEN null ELSE u[$sort] END ASC,
  CASE WHEN $descending THEN u[$sort] END DESC,
  u.id ASC
WITH collect(u) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | properties(x)] AS items
