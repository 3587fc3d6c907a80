// One page of the Equipment the filters match, sorted (store/equipment_count counts them
// all). Properties are read for the page's rows only.
MATCH (e:Equipment)
// @include store/fragments/equipment_filter
WITH e AS n
// @include store/fragments/page_after
// @include store/fragments/page_order
RETURN properties(n) AS item
