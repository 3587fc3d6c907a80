// How many Units the filters match: the total beside store/unit_list's page.
MATCH (u:Unit)
// @include store/fragments/unit_filter
RETURN count(u) AS total
