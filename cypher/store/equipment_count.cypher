// How many Equipment items the filters match: the total beside store/equipment_list's page.
MATCH (e:Equipment)
// @include store/fragments/equipment_filter
RETURN count(e) AS total
