// Makes each row's parent_id its category's only parent (none when null): the second step
// of a batch upsert, once every category of the batch exists.
// @param rows: [{id, parent_id}]
// @tenancy: resolved
// @example: {"rows": [{"id": "weapons-energy", "props": {"name": "Energy"}, "parent_id": "weapons", "change": {"id": "c1", "label": "Unit", "after": "{}", "note": null}}]}
UNWIND $rows AS row
MATCH (c:Category {id: row.id})
// @include store/fragments/category_parent
RETURN count(*) AS linked
