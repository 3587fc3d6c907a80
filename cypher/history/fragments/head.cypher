// The newest stored version of the entity `n` (labelled `$label`) as `head`, null when it
// has none, and the stored versions from head's base snapshot on as `chain`: what
// rebuilding head's content reads.
CALL (n) {
  OPTIONAL MATCH (v:Version {entity_id: n.id})
  WHERE v.entity_label = $label
  RETURN v AS head
  ORDER BY v.number DESC
  LIMIT 1
}
CALL (n, head) {
  OPTIONAL MATCH (c:Version {entity_id: n.id})
  WHERE c.entity_label = $label AND c.number >= head.base
  RETURN collect(c {.number, .snapshot, .body}) AS chain
}
