"""Where the local engine (ArcadeDB over Bolt) behaves unlike Neo4j and the code must care.

Every such difference the code acts on is decided here, so that the rest reads as plain
Neo4j practice (tests/test_quirks.py covers each):

- Under concurrent writers a transaction may read a relationship a just-committed
  transaction made or removed, and fail on its far end with "Record #x:y not found"
  (Neo.ClientError.Statement.EntityNotFound). Run again, it sees a consistent graph, so such
  a failure is retried like a transient error. Neo4j never answers it for this reason.
- A same-value SET is not a write to the engine, so a write lock must change a value
  (cypher/store/fragments/claim).
- Once a transaction has written a record, it reads the other records of the same storage
  page as they were at that moment, even after another transaction commits changes to them
  (seen: a restore that had written one loadout missed another loadout turned stock and
  committed meanwhile). Two writes of one record still collide. So a write claims the nodes
  its checks depend on before it writes anything else (graphstore.store.claims), and checks
  read claimed nodes, or nodes of labels it has not written yet. A read of the node itself
  made *before* its claim may be stale too, and the write then lands on the newer record
  with no conflict: an update that checked the version it read first let two increments
  from one version both commit (about one in 2,000 under 24 racing writers), so
  store/fragments/claimed_update claims, then reads.
- A commit checks unique indexes before it notices that another transaction changed a
  record this one wrote. Two writers of one entity both bump its version from the same
  snapshot and both add that version to its history: the later commit fails on the
  Version key (ConstraintValidationFailed) where Neo4j would have made it wait on the
  claim. The number came from a claimed counter, so the duplicate is a lost race: retried.
- A node pattern keyed on a null value (`{id: $maybe_null}`) scans every node of the label
  instead of matching nothing: a query that may look up a null id unwinds it away first
  (cypher/rules/fragments/checks).
- TEXT indexes are listed as RANGE (graphstore.migrations.schema_diff tolerates it).
- A Bolt transaction timeout is ignored: a read given 0.5 s ran its 7 s to the end. Neo4j
  stops it (QueryTimeoutError, a 503 over HTTP); on the local engine the caps on input
  (mounts per loadout, page depth, rate limits) are what bound the cost of a read.
"""

from __future__ import annotations

from graphstore.errors import ConstraintError, QueryError

RETRIED_CODES = frozenset({"Neo.ClientError.Statement.EntityNotFound"})
"""Server codes that mean "ran while another transaction committed": retried like transient."""

RACED_KEYS = ("index 'Version[key]'", "label `Version` and property `key`")
"""How each engine names the unique Version key in a duplicate-key error: a duplicate
version number only ever comes from two writers that read one snapshot."""


def retry_as_transient(error: QueryError) -> bool:
    """Whether a failed transaction should run again rather than report this error."""
    return error.code in RETRIED_CODES or lost_version_race(error)


def lost_version_race(error: Exception) -> bool:
    """A commit refused for a version number another writer took first (see above)."""
    return isinstance(error, ConstraintError) and any(key in str(error) for key in RACED_KEYS)
