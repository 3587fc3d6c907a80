// Ids become URL-safe everywhere, and what an import created says so.
// - Category ids were paths (weapons/energy); they become slugs (weapons-energy), the path
//   stays in `path`.
// - Placeholder ids were `unresolved:<original>`; they become `unresolved-<original>` with
//   the characters a URL path cannot carry as-is replaced by `-`.
// Each renamed entity keeps its old id in `id_before_v003` (U003 puts it back), and its
// audit Changes follow it. A unit id that still is not URL-safe (non-ASCII letters) cannot
// be folded in Cypher: `graphstore check` lists it (unsafe_id), and a new import writes the
// unit under its folded id.
// - `imported_from` marks what an import created, so that imports rewrite only that:
//   catalog items (from their source_file), categories with a path, placeholders, units
//   with an import content_hash and their stock loadouts.
MATCH (c:Category)
WHERE c.id CONTAINS '/'
SET c.id_before_v003 = c.id, c.id = replace(c.id, '/', '-');
MATCH (e:Equipment:Unresolved)
WHERE e.id STARTS WITH 'unresolved:'
WITH e, 'unresolved-' + substring(e.id, size('unresolved:')) AS renamed
WITH e, reduce(text = renamed, bad IN [' ', ':', '/', '[', ']', '(', ')', ',', '+', '&', '#', '?', '%', '\'', '"', '*', '=', '@', '!', '$', ';']
  | replace(text, bad, '-')) AS cleaned
SET e.id_before_v003 = e.id, e.id = cleaned;
MATCH (n:Category)
WHERE n.id_before_v003 IS NOT NULL
MATCH (change:Change {entity_id: n.id_before_v003})
WHERE change.entity_label = 'Category'
SET change.entity_id_before_v003 = change.entity_id, change.entity_id = n.id;
MATCH (n:Equipment)
WHERE n.id_before_v003 IS NOT NULL
MATCH (change:Change {entity_id: n.id_before_v003})
WHERE change.entity_label = 'Equipment'
SET change.entity_id_before_v003 = change.entity_id, change.entity_id = n.id;
MATCH (e:Equipment)
WHERE e.imported_from IS NULL AND e.content_hash IS NOT NULL AND e.source_file IS NOT NULL
SET e.imported_from = 'equipment/' + e.source_file;
MATCH (e:Equipment:Unresolved)
WHERE e.imported_from IS NULL
SET e.imported_from = 'units';
MATCH (c:Category)
WHERE c.imported_from IS NULL AND c.path IS NOT NULL AND c.id = replace(c.path, '/', '-')
SET c.imported_from = 'equipment';
MATCH (u:Unit)
WHERE u.imported_from IS NULL AND u.content_hash IS NOT NULL
SET u.imported_from = 'units'
WITH u
MATCH (u)-[:HAS_LOADOUT]->(l:Loadout {id: u.id + '.stock'})
WHERE l.imported_from IS NULL
SET l.imported_from = u.imported_from;
