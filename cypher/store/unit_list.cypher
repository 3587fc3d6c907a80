// One page of the Units the filters match, sorted (store/unit_count counts them all).
// Properties are read for the page's rows only.
MATCH (u:Unit)
// @include store/fragments/unit_filter
WITH u AS n
// @include store/fragments/page_after
// @include store/fragments/page_order
RETURN properties(n) AS item
