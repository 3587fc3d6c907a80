// Which of these version keys are stored: what a restore of an archive leaves alone.
// @param keys: version keys
// @tenancy: platform
UNWIND $keys AS key
MATCH (v:Version {key: key})
RETURN v.key AS key
