// Claims the node `n` for the rest of the transaction (docs/model.md, "Concurrency"). The
// counter makes it a real write: two transactions that claim one node collide, and the
// later one waits (Neo4j) or fails at commit and is retried (ArcadeDB), so whatever it
// checks after its claim sees the earlier one's result. A same-value SET is no claim on
// ArcadeDB, which does not count it as a write.
SET n._lock = coalesce(n._lock, 0) + 1
