// Which of the given ids are real catalog items (placeholders do not count).
// @param ids: list of equipment ids
UNWIND $ids AS id
MATCH (e:Equipment {id: id})
WHERE NOT e:Unresolved
RETURN e.id AS id
