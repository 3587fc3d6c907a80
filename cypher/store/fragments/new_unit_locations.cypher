// Creates the new unit `u`'s locations from `row.locations` (it has none yet).
FOREACH (spec IN row.locations |
  CREATE (u)-[:HAS_LOCATION]->(:Location {
    id: row.id + '/' + spec.code, unit_id: row.id, code: spec.code,
    crit_slots: spec.crit_slots, fixed_slots: spec.fixed_slots, fixed: spec.fixed
  })
)
