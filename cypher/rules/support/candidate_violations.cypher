// Every rule, asked about many hypothetical mounts at once: what mounting each candidate
// item (each on its own) at one location of one loadout would break. compatible_equipment
// passes the whole catalog, explain one item. The rows are exactly those the combined rule
// query (the cypher/rules/*.cypher files) returns for a check with that candidate whose
// involves_candidate is true, with the same keys (check_key is the candidate's id), as maps
// in one list; a candidate that breaks nothing has none. Instead of re-running every rule per
// candidate, the loadout's mounts are read once, with their sums (tonnage, weapon heat,
// mounted heat dissipation, slots used at the location), and then each candidate is
// judged against them in three set-based branches:
// - conflict: the candidate against each mounted item other than its own copies, through
//   CONFLICTS_WITH in either direction and category trees; both sides get a row, the
//   mounted item at each location it sits in;
// - missing_prerequisite: the candidate's REQUIRES targets that no mounted item other than
//   its own copies meets;
// - the rest in one pass over the candidates: tech_base, intro_year, rules_level,
//   location_restriction, unresolved_equipment, max_per_location and max_per_unit (its
//   copies already mounted plus one), and the slot, tonnage and heat budgets with the
//   candidate's own slots, tons and heat added (only when it adds some, as the rule files'
//   involves_candidate says).
// The rule files state each rule in full; tests/rules/test_rules_match_reference.py checks
// that this restatement and the rule files both equal the plain-Python rules.
// @param loadout_id: the loadout the candidates would be mounted on
// @param location: the location code each candidate would be mounted at
// @param candidate_ids: list of equipment ids to judge, one hypothetical mount each
MATCH (loadout:Loadout {id: $loadout_id})<-[:HAS_LOADOUT]-(unit:Unit)
OPTIONAL MATCH (loadout)-[m:MOUNTS]->(e:Equipment)
WITH loadout, unit,
  collect(
    CASE WHEN e IS NULL THEN null ELSE {
      equipment: e, location: m.location,
      conflict_categories: [(e)-[:CONFLICTS_WITH]->(category:Category) | category]
    } END
  ) AS mounts
WITH loadout, unit, mounts,
  reduce(total = 0.0, m IN mounts | total + coalesce(m.equipment.tonnage, 0)) AS base_tonnage,
  reduce(
    heat = 0, m IN mounts
    | heat + CASE WHEN m.equipment.is_weapon = true THEN coalesce(m.equipment.heat, 0) ELSE 0 END
  ) AS base_weapon_heat,
  reduce(sunk = 0, m IN mounts | sunk + coalesce(m.equipment.heat_dissipation, 0))
    AS base_dissipation,
  [m IN mounts WHERE m.location = $location OR (m.location IS NULL AND $location IS NULL)]
    AS here,
  ['INTRODUCTORY', 'STANDARD', 'ADVANCED', 'EXPERIMENTAL', 'UNOFFICIAL'] AS levels
WITH loadout, unit, mounts, base_tonnage, base_weapon_heat, base_dissipation, here, levels,
  [i IN range(0, size(levels) - 1) WHERE levels[i] = unit.rules_level][0] AS unit_rank,
  toUpper(coalesce(unit.heat_sink_type, '')) AS sink_type,
  [
    place IN COLLECT {
      MATCH (unit)-[:HAS_LOCATION]->(place:Location)
      WHERE place.crit_slots IS NOT NULL AND place.code = $location
      RETURN place
    }
    | {
      place: place,
      fixed: coalesce(place.fixed_slots, 0),
      mounted: reduce(
        total = 0, m IN mounts
        | total + CASE WHEN m.location = place.code THEN coalesce(m.equipment.crit_slots, 0)
          ELSE 0 END
      )
    }
  ] AS places
UNWIND $candidate_ids AS candidate_id
MATCH (item:Equipment {id: candidate_id})
WITH loadout, unit, mounts, base_tonnage, base_weapon_heat, base_dissipation, here, levels,
  unit_rank, sink_type, places, collect(item) AS items
CALL (
  loadout, unit, mounts, base_tonnage, base_weapon_heat, base_dissipation, here, levels,
  unit_rank, sink_type, places, items
) {
  // conflict: the candidate against each mounted item (not a copy of itself), both ways;
  // only pairs where one side has a CONFLICTS_WITH edge can conflict
  UNWIND items AS item
  WITH mounts, item,
    [(item)-[:CONFLICTS_WITH]-(direct:Equipment) | direct.id] AS item_direct,
    [(item)-[:CONFLICTS_WITH]->(category:Category) | category] AS item_categories
  UNWIND [
    mount IN mounts
    WHERE mount.equipment.id <> item.id
      AND (
        mount.equipment.id IN item_direct OR size(item_categories) > 0
        OR size(mount.conflict_categories) > 0
      )
  ] AS mount
  WITH item, item_direct, item_categories, mount, mount.equipment AS other
  WITH item, mount, other, other.id IN item_direct AS direct,
    [
      category IN item_categories
      WHERE EXISTS { (other)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(category) }
      | category.id
    ]
    + [
      category IN mount.conflict_categories
      WHERE EXISTS { (item)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(category) }
      | category.id
    ] AS via
  WHERE direct OR size(via) > 0
  UNWIND [true, false] AS candidate_side
  WITH item, direct, via,
    CASE WHEN candidate_side THEN item ELSE other END AS flagged,
    CASE WHEN candidate_side THEN $location ELSE mount.location END AS location,
    CASE WHEN candidate_side THEN other ELSE item END AS partner
  WITH item, flagged, location, partner, collect(direct) AS direct_flags, collect(via) AS vias
  RETURN item.id AS check_key, 'conflict' AS rule, null AS severity,
    flagged.id AS equipment_id, location,
    coalesce(flagged.name, flagged.id) + ' conflicts with '
    + coalesce(partner.name, partner.id) AS message,
    {
      conflicts_with: partner.id,
      direct: true IN direct_flags,
      via: reduce(all_via = [], v IN vias | all_via + v)
    } AS proof
  UNION ALL
  // missing_prerequisite: a requirement no mounted item other than a copy of it meets
  UNWIND items AS item
  MATCH (item)-[:REQUIRES]->(required)
  WITH DISTINCT item, required,
    [other IN mounts WHERE other.equipment.id <> item.id | other.equipment] AS others
  WITH item, required,
    CASE
      WHEN required:Category THEN any(other IN others WHERE EXISTS {
        (other)-[:IN_CATEGORY]->(:Category)-[:SUBCATEGORY_OF*0..]->(required)
      })
      ELSE any(other IN others WHERE other.id = required.id)
    END AS satisfied
  WHERE NOT satisfied
  RETURN item.id AS check_key, 'missing_prerequisite' AS rule, null AS severity,
    item.id AS equipment_id, $location AS location,
    coalesce(item.name, item.id) + ' requires ' + coalesce(required.name, required.id)
    + ', which the loadout does not mount' AS message,
    {
      requires: required.id,
      requires_kind: CASE WHEN required:Category THEN 'Category' ELSE 'Equipment' END
    } AS proof
  UNION ALL
  // every other rule looks at the candidate's own properties, its copies already mounted
  // and the loadout's sums: one pass over the candidates, one map per violation
  UNWIND items AS item
  WITH unit, levels, unit_rank, here, mounts, places, sink_type, item,
    [i IN range(0, size(levels) - 1) WHERE levels[i] = item.rules_level][0] AS item_rank,
    size([m IN here WHERE m.equipment.id = item.id]) + 1 AS at_location,
    size([m IN mounts WHERE m.equipment.id = item.id]) + 1 AS on_unit,
    coalesce(item.crit_slots, 0) AS slots,
    base_tonnage + coalesce(item.tonnage, 0) AS used,
    unit.free_tonnage IS NOT NULL AS known,
    base_weapon_heat
    + CASE WHEN item.is_weapon = true THEN coalesce(item.heat, 0) ELSE 0 END AS weapon_heat,
    base_dissipation + coalesce(item.heat_dissipation, 0) AS mounted_dissipation
  WITH unit, unit_rank, places, item, item_rank, at_location, on_unit, slots, used, known,
    weapon_heat,
    CASE WHEN known THEN unit.free_tonnage ELSE unit.tonnage END AS budget,
    CASE
      WHEN unit.heat_dissipation IS NOT NULL THEN unit.heat_dissipation
      WHEN unit.heat_sink_count IS NOT NULL
        THEN unit.heat_sink_count
        * CASE WHEN sink_type CONTAINS 'DOUBLE' OR sink_type CONTAINS 'LASER' THEN 2 ELSE 1 END
      ELSE mounted_dissipation
    END AS dissipation,
    CASE
      WHEN unit.heat_dissipation IS NOT NULL THEN 'unit'
      WHEN unit.heat_sink_count IS NOT NULL THEN 'heat_sinks'
      ELSE 'mounted'
    END AS heat_basis
  UNWIND [
    CASE
      WHEN unit.tech_base IN ['INNER_SPHERE', 'CLAN']
        AND item.tech_base IN ['INNER_SPHERE', 'CLAN']
        AND item.tech_base <> unit.tech_base
        THEN {
          rule: 'tech_base', severity: null, equipment_id: item.id, location: $location,
          message: coalesce(item.name, item.id) + ' is ' + item.tech_base
          + ' equipment on a ' + unit.tech_base + ' unit',
          proof: {equipment_tech_base: item.tech_base, unit_tech_base: unit.tech_base}
        }
    END,
    CASE
      WHEN item.intro_year > unit.year
        THEN {
          rule: 'intro_year', severity: null, equipment_id: item.id, location: $location,
          message: coalesce(item.name, item.id) + ' was introduced in '
          + toString(item.intro_year) + ', after the unit year ' + toString(unit.year),
          proof: {intro_year: item.intro_year, unit_year: unit.year}
        }
    END,
    CASE
      WHEN unit_rank IS NOT NULL AND item_rank > unit_rank
        THEN {
          rule: 'rules_level', severity: null, equipment_id: item.id, location: $location,
          message: coalesce(item.name, item.id) + ' is ' + item.rules_level
          + ', above the unit level ' + unit.rules_level,
          proof: {
            equipment_level: item.rules_level,
            equipment_rank: item_rank,
            unit_level: unit.rules_level,
            unit_rank: unit_rank
          }
        }
    END,
    CASE
      WHEN item.allowed_locations IS NOT NULL AND NOT $location IN item.allowed_locations
        THEN {
          rule: 'location_restriction', severity: null, equipment_id: item.id,
          location: $location,
          message: coalesce(item.name, item.id) + ' cannot be mounted in ' + $location,
          proof: {allowed_locations: item.allowed_locations}
        }
    END,
    CASE
      WHEN item:Unresolved
        THEN {
          rule: 'unresolved_equipment', severity: null, equipment_id: item.id,
          location: $location,
          message: 'unresolved equipment reference ' + coalesce(item.original_id, item.id),
          proof: {original_id: item.original_id, candidates: item.candidates}
        }
    END,
    CASE
      WHEN item.max_per_location IS NOT NULL AND at_location > item.max_per_location
        THEN {
          rule: 'max_per_location', severity: null, equipment_id: item.id,
          location: $location,
          message: toString(at_location) + ' x ' + coalesce(item.name, item.id) + ' in '
          + $location + ', at most ' + toString(item.max_per_location) + ' allowed',
          proof: {count: at_location, limit: item.max_per_location}
        }
    END,
    CASE
      WHEN item.max_per_unit IS NOT NULL AND on_unit > item.max_per_unit
        THEN {
          rule: 'max_per_unit', severity: null, equipment_id: item.id, location: null,
          message: toString(on_unit) + ' x ' + coalesce(item.name, item.id)
          + ' on the unit, at most ' + toString(item.max_per_unit) + ' allowed',
          proof: {count: on_unit, limit: item.max_per_unit}
        }
    END,
    CASE
      WHEN coalesce(item.tonnage, 0) > 0 AND budget IS NOT NULL AND used > budget
        THEN {
          rule: 'tonnage_budget', severity: CASE WHEN known THEN 'error' ELSE 'warning' END,
          equipment_id: null, location: null,
          message: 'equipment weighs ' + toString(used) + ' t, over the '
          + CASE
            WHEN known THEN 'free tonnage '
            ELSE 'total tonnage (free tonnage unknown) '
          END
          + toString(budget) + ' t',
          proof: {
            used: used, budget: budget,
            basis: CASE WHEN known THEN 'free_tonnage' ELSE 'tonnage' END
          }
        }
    END,
    CASE
      WHEN item.is_weapon = true AND coalesce(item.heat, 0) > 0 AND weapon_heat > dissipation
        THEN {
          rule: 'heat_balance', severity: null, equipment_id: null, location: null,
          message: 'weapons generate ' + toString(weapon_heat) + ' heat, dissipation is '
          + toString(dissipation),
          proof: {weapon_heat: weapon_heat, dissipation: dissipation, basis: heat_basis}
        }
    END
  ]
  + [
    budget IN places
    WHERE slots > 0 AND budget.fixed + budget.mounted + slots > budget.place.crit_slots
    | {
      rule: 'slot_budget', severity: null, equipment_id: null, location: budget.place.code,
      message: budget.place.code + ' uses ' + toString(budget.fixed + budget.mounted + slots)
      + ' of ' + toString(budget.place.crit_slots) + ' critical slots',
      proof: {
        used: budget.fixed + budget.mounted + slots,
        capacity: budget.place.crit_slots,
        fixed: budget.fixed,
        mounted: budget.mounted + slots
      }
    }
  ] AS found
  WITH item, found
  WHERE found IS NOT NULL
  RETURN item.id AS check_key, found.rule AS rule, found.severity AS severity,
    found.equipment_id AS equipment_id, found.location AS location, found.message AS message,
    found.proof AS proof
}
// One row holding every violation: the local engine spends more on many small rows than on
// one list of the same maps.
RETURN collect({
  check_key: check_key, loadout_id: loadout.id, rule: rule, severity: severity,
  equipment_id: equipment_id, location: location, message: message, proof: proof,
  involves_candidate: true
}) AS violations
