// Benchmark data: accepted violations held by loadouts.
// @param rows: list of {loadout_id, id, rule, equipment_id}
UNWIND $rows AS row
MATCH (loadout:Loadout {id: row.loadout_id})
CREATE (loadout)-[:HAS_OVERRIDE]->(:AcceptedViolation {
  id: row.id, rule: row.rule, equipment_id: row.equipment_id, reason: 'benchmark',
  accepted_by: 'benchmark', accepted_at: datetime()
})
