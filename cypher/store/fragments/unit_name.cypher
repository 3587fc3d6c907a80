// The unit `n`'s display name (chassis, then model) and its lower-cased search form.
SET n.name = trim(coalesce(n.chassis, '') + ' ' + coalesce(n.model, '')),
  n.search_name = toLower(trim(coalesce(n.chassis, '') + ' ' + coalesce(n.model, '')))
