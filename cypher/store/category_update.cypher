// Updates one Category in one statement: claims it, checks it is live and at the expected
// version, sets the given properties and bumps its version.
// @param id: the Category id
MATCH (n:Category {id: $id})
// @include store/fragments/claimed_update
RETURN before, properties(n) AS props
