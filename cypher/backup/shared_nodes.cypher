// The shared catalog items (equipment, categories) a tenant's data points at, with their
// labels and properties: a backup of the tenant carries them, so that a restore can write
// those its target lacks (into a fresh graph, say). Their own links (categories, rules)
// are the shared catalog's and are not carried.
// @param rows: [{label, key}]
// @tenancy: platform
// @example: {"rows": [{"label": "Equipment", "key": "medium-laser"}]}
CALL () {
  UNWIND [row IN $rows WHERE row.label = 'Equipment'] AS row
  MATCH (n:Equipment {id: row.key})
  WHERE n.tenant IS NULL
  RETURN n
  UNION ALL
  UNWIND [row IN $rows WHERE row.label = 'Category'] AS row
  MATCH (n:Category {id: row.key})
  WHERE n.tenant IS NULL
  RETURN n
}
RETURN labels(n) AS labels, properties(n) AS props
