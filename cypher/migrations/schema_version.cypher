// The schema version: the highest version whose latest record is applied or baselined.
MATCH (m:__Migration)
WHERE m.version IS NOT NULL AND m.state <> 'CLEARED'
WITH m.version AS version, m
ORDER BY m.seq DESC
WITH version, collect(m)[0] AS latest
WHERE latest.state IN ['SUCCESS', 'BASELINE']
RETURN max(version) AS version
