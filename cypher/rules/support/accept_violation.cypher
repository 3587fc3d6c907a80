// Records an accepted violation (an override) on a Loadout or a Unit, idempotently by id.
// Violations it matches (same rule, same equipment or equipment_id null) are then reported
// as accepted rather than open.
// @param holder_kind: 'Loadout' or 'Unit'
// @param holder_id: the id of the Loadout or Unit that accepts the violation
// @param id: the AcceptedViolation id
// @param rule: the rule id
// @param equipment_id: the equipment it applies to, or null for any
// @param reason: why it is accepted
// @param accepted_by: who accepted it
// @param owner_tenant: the tenant whose loadout or unit it may be (filled in by the store)
// @param platform: whether the scope may change shared data (a shared unit's loadout)
// @param change_id: the audit Change recording it (a stored verdict of the holder goes stale)
// @param log_key: the Change's place in the write log (graphstore.store.audit.log_key)
// @example: {"holder_kind": "Loadout", "holder_id": "atlas-as7-d.stock", "id": "atlas-as7-d", "rule": "tech_base", "equipment_id": "medium-laser", "reason": "example", "accepted_by": "example", "platform": true, "change_id": "c1", "log_key": "2026-12-07T12:00:00.000000Z|c1"}
CALL () {
  MATCH (loadout:Loadout {id: $holder_id})
  WHERE $holder_kind = 'Loadout'
    AND (loadout.tenant = $owner_tenant OR (loadout.tenant IS NULL AND $platform))
  RETURN loadout AS holder
  UNION
  MATCH (unit:Unit {id: $holder_id})
  WHERE $holder_kind = 'Unit'
    AND (unit.tenant = $owner_tenant OR (unit.tenant IS NULL AND $platform))
  RETURN unit AS holder
}
MERGE (holder)-[:HAS_OVERRIDE]->(accepted:AcceptedViolation {id: $id})
ON CREATE SET accepted.accepted_at = datetime()
SET accepted.rule = $rule, accepted.equipment_id = $equipment_id, accepted.reason = $reason,
  accepted.accepted_by = $accepted_by
CREATE (c:Change {
  id: $change_id, log_key: $log_key, at: accepted.accepted_at, actor: $accepted_by,
  source: 'library', operation: 'accept_violation', entity_label: $holder_kind,
  entity_id: $holder_id, before: '{}', after: '{}', note: $reason, tenant: holder.tenant
})-[:CHANGED]->(holder)
RETURN accepted.id AS id, accepted.accepted_at AS accepted_at
