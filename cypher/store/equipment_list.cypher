// One page of Equipment matching the filters, sorted, with the total count, in one round
// trip.
// @param sort: the property to sort on (a whitelisted, indexed one)
// @param descending: sort descending
// @param skip: rows before the page
// @param limit: the page size
MATCH (e:Equipment)
// @include store/fragments/equipment_filter
WITH e
ORDER BY
  CASE WHEN $descending THEN null ELSE e[$sort] END ASC,
  CASE WHEN $descending THEN e[$sort] END DESC,
  e.id ASC
WITH collect(e) AS matched
RETURN size(matched) AS total, [x IN matched[$skip..($skip + $limit)] | properties(x)] AS items
