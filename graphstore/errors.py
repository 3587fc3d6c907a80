"""The exception hierarchy: every error graphstore raises derives from GraphStoreError."""

from __future__ import annotations


class GraphStoreError(Exception):
    """Root of every error raised by graphstore."""


class ConfigurationError(GraphStoreError):
    """A setting is missing or malformed."""


class DatabaseUnavailableError(GraphStoreError):
    """The database could not be reached (wrong address, server down, network)."""


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
