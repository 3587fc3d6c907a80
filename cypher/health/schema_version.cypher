// The highest successfully applied migration version, or null on an unmigrated graph.
MATCH (m:__Migration)
WHERE m.state = 'SUCCESS' AND m.version IS NOT NULL
RETURN max(m.version) AS version
