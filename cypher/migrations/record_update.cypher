// Updates one migration record (state, duration, error, checksum...).
// @param seq: the record's sequence number
// @param changes: the properties to set
MATCH (m:__Migration {seq: $seq})
SET m += $changes
RETURN m.seq AS seq
