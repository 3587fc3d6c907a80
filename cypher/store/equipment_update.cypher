// Updates one Equipment in one statement: claims it, checks it is live and at the expected
// version, sets the given properties and bumps its version.
// @param id: the Equipment id
// @example: {"id": "medium-laser", "props": {"notes": "example"}, "expected_version": null, "now": "2026-11-30T12:00:00Z"}
MATCH (n:Equipment {id: $id})
// @include store/fragments/claimed_update
// @include store/fragments/equipment_name
RETURN before, properties(n) AS props
