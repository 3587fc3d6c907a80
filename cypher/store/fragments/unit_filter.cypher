// The unit filters, on `u`, as one WHERE condition: its own properties
// (store/fragments/unit_properties_filter) and the equipment some live loadout of it
// mounts. The unit list, its count and the unit statistics share it.
// @param has_equipment: an Equipment id some live loadout mounts (deleted: include_deleted)
// @include store/fragments/unit_properties_filter
  AND ($has_equipment IS NULL OR
    EXISTS {
      MATCH (u)-[:HAS_LOADOUT]->(l:Loadout)-[:MOUNTS]->(item:Equipment {id: $has_equipment})
      // @include store/fragments/live_mount
    })
