// How many nodes carry each domain label, for /health.
UNWIND ['Unit', 'Equipment', 'Category', 'Loadout'] AS label
RETURN label, COUNT { MATCH (n) WHERE label IN labels(n) } AS count
