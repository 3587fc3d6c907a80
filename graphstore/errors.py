"""The exception hierarchy: every error graphstore raises derives from GraphStoreError."""

from __future__ import annotations

from typing import Any


class GraphStoreError(Exception):
    """Root of every error raised by graphstore."""


class ConfigurationError(GraphStoreError):
    """A setting is missing or malformed."""


class DatabaseUnavailableError(GraphStoreError):
    """The database could not be reached (wrong address, server down, network)."""


class DatabaseBusyError(DatabaseUnavailableError):
    """A read kept failing on the database's transient errors until its retry time ran out:
    it is overloaded. The read may succeed later."""


class AuthenticationError(GraphStoreError):
    """The database refused the credentials."""


class EngineStartError(GraphStoreError):
    """The local engine did not come up. The message carries the tail of its log."""

    def __init__(self, message: str, *, log_file: str, log_tail: str) -> None:
        super().__init__(f"{message}\nlog file: {log_file}\n--- last lines ---\n{log_tail}")
        self.log_file = log_file
        self.log_tail = log_tail


class EngineNotRunningError(GraphStoreError):
    """An operation needed the local engine, and it is not running."""


class QueryNotFoundError(GraphStoreError, KeyError):
    """A named Cypher query does not exist in cypher/."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else super().__str__()


class SchemaOutOfDateError(GraphStoreError):
    """The database schema is behind the code's migrations."""


class QueryError(GraphStoreError):
    """The database rejected a named query. Carries the query name and the server's code."""

    def __init__(self, message: str, *, query: str, code: str | None = None) -> None:
        super().__init__(f"{query}: {message}")
        self.query = query
        self.code = code


class QueryTimeoutError(QueryError):
    """The server stopped a transaction past its time limit (GRAPHSTORE_DB_READ_TIMEOUT_S)."""


class ConstraintError(QueryError):
    """A schema constraint refused a write (a duplicate id, a missing required property)."""


class MigrationError(GraphStoreError):
    """A migration could not be planned, applied or undone. The message says what to run."""


class MigrationLockError(MigrationError):
    """Another migration holds the lock and did not release it in time."""


class NotFoundError(GraphStoreError, LookupError):
    """No live entity has this id (soft-deleted ones count as absent unless asked for)."""

    def __init__(self, label: str, entity_id: str, *, message: str | None = None) -> None:
        super().__init__(message or f"{label} {entity_id!r} does not exist")
        self.label = label
        self.entity_id = entity_id


class ConflictError(GraphStoreError):
    """A write lost to another writer: it named an expected version that is no longer the
    stored one, or it kept losing races until its retry time ran out."""

    def __init__(
        self, message: str, *, entity_id: str, expected: int | None, current: int | None
    ) -> None:
        super().__init__(message)
        self.entity_id = entity_id
        self.expected_version = expected
        self.current_version = current


class IntegrityError(GraphStoreError):
    """A write would break referential integrity. `blockers` lists what stands in the way."""

    def __init__(self, message: str, *, blockers: list[dict[str, object]]) -> None:
        super().__init__(message)
        self.blockers = blockers


class RestrictError(IntegrityError):
    """A delete is refused because other entities still point at the target (use force=True).
    `uses_by_tenant` counts the referrers per owning tenant (shared: "shared")."""

    def __init__(
        self,
        message: str,
        *,
        blockers: list[dict[str, object]],
        uses_by_tenant: dict[str, int] | None = None,
    ) -> None:
        super().__init__(message, blockers=blockers)
        self.uses_by_tenant = uses_by_tenant or {}


class BulkError(GraphStoreError):
    """An all-or-nothing batch stopped at one operation and wrote nothing: `outcome` names
    the operation (its index and id) and holds its error."""

    def __init__(self, outcome: Any) -> None:
        super().__init__(f"operation {outcome.index} ({outcome.id}) failed: {outcome.error}")
        self.outcome = outcome


class ValidationError(GraphStoreError, ValueError):
    """Input failed validation. `errors` holds every violation, each with its field path."""

    def __init__(self, errors: list[dict[str, object]]) -> None:
        lines = "; ".join(f"{e['path']}: {e['message']}" for e in errors)
        super().__init__(f"{len(errors)} validation error(s): {lines}")
        self.errors = errors


class QueryRefusedError(GraphStoreError):
    """The explorer refused a query: it would write, or it ran over the time limit."""


class ExplorerBusyError(GraphStoreError):
    """The explorer is running as many queries as it may at once; try again shortly."""


class UserQueryError(GraphStoreError):
    """A person's own Cypher (the explorer's) failed in the engine: syntax, types, names."""


class TransactionError(GraphStoreError):
    """A store transaction was misused (nested, or used after it ended)."""


class AlreadyExistsError(ConflictError):
    """A create named an id that is already taken (soft-deleted entities keep theirs)."""


class ImportSourceError(GraphStoreError):
    """An import source (a data directory or a rules file) is missing or unusable as a whole."""


class RuleDefinitionError(GraphStoreError):
    """A rule file under cypher/rules/ is malformed, or a rule id is unknown."""


class OGMReadOnlyError(GraphStoreError):
    """The OGM view is read-only: it names the store call that performs the write."""


class MergeConflictError(GraphStoreError):
    """A merge found changes on both sides to the same property or mount; `conflicts` lists
    each (key, base, ours, theirs). Pass a strategy ('ours' or 'theirs') to settle them."""

    def __init__(self, message: str, *, conflicts: list[dict[str, object]]) -> None:
        super().__init__(message)
        self.conflicts = conflicts


class ForbiddenError(GraphStoreError):
    """The scope may see this but not do this: a tenant changing the shared catalog, a
    reader writing, a role managing keys. `quota` names the quota a write would exceed."""

    def __init__(self, message: str, *, quota: str | None = None) -> None:
        super().__init__(message)
        self.quota = quota


class AuthenticationFailedError(GraphStoreError):
    """An API key that is unknown, revoked or expired, or a malformed one."""
