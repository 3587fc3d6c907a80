// Updates one Category in one statement: claims it, checks it is live and at the expected
// version, sets the given properties and bumps its version.
// @param id: the Category id
// @example: {"id": "weapons-energy", "props": {"notes": "example"}, "expected_version": null, "now": "2026-11-30T12:00:00Z"}
MATCH (n:Category {id: $id})
// @include store/fragments/claimed_update
RETURN before, properties(n) AS props
