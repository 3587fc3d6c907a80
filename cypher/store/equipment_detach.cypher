// Takes an Equipment item out of the loadouts that mount it (a forced delete): the mounts
// go, each loadout gets a new version and stale calculations. Returns what was detached.
// @param id: the Equipment id
// @param live_only: detach from live loadouts only (a forced soft delete)
// @param now: the write time
// @tenancy: resolved
// @example: {"id": "medium-laser", "live_only": true, "now": "2026-11-30T12:00:00Z"}
MATCH (e:Equipment {id: $id})
OPTIONAL MATCH (l:Loadout)-[m:MOUNTS]->(e)
WHERE NOT $live_only OR l.deleted_at IS NULL
WITH collect(m {.mount_id, .location, .slot, .rear, .quantity, loadout_id: l.id}) AS detached,
  collect(DISTINCT l) AS loadouts, collect(m) AS mounts
FOREACH (m IN mounts | DELETE m)
FOREACH (l IN loadouts | SET l.version = l.version + 1, l.updated_at = $now)
WITH detached, loadouts
CALL (loadouts) {
  UNWIND loadouts AS l
  // @include store/fragments/calculations_stale
  RETURN count(*) AS loadouts_marked
}
RETURN detached
