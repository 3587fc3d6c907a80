// Names this graph for read models (see readmodel/epoch). The node's id is unique (V007): of
// two processes naming a graph at once, one fails and reads the other's epoch.
// @tenancy: platform
// @param epoch: a new random name
// @param now: when
// @example: {"epoch": "0123456789abcdef", "now": "2026-12-07T12:00:00Z"}
CREATE (e:__ReadModelEpoch {id: 'graph', epoch: $epoch, created_at: $now})
RETURN e.epoch AS epoch
