"""graphstore: game unit data (BattleTech first) as a Neo4j-compatible graph."""

from graphstore.connection import EngineInfo, Graph, connect, run_named
from graphstore.engine import EngineState, EngineStatus, LocalEngine
from graphstore.errors import (
    AuthenticationError,
    ConfigurationError,
    DatabaseUnavailableError,
    EngineNotRunningError,
    EngineStartError,
    GraphStoreError,
    QueryError,
    QueryNotFoundError,
    SchemaOutOfDateError,
)
from graphstore.health import Health, health
from graphstore.queries import Query
from graphstore.settings import EngineSettings, Neo4jSettings

__version__ = "0.1.0"

__all__ = [
    "AuthenticationError",
    "ConfigurationError",
    "DatabaseUnavailableError",
    "EngineInfo",
    "EngineNotRunningError",
    "EngineSettings",
    "EngineStartError",
    "EngineState",
    "EngineStatus",
    "Graph",
    "GraphStoreError",
    "Health",
    "LocalEngine",
    "Neo4jSettings",
    "Query",
    "QueryError",
    "QueryNotFoundError",
    "SchemaOutOfDateError",
    "__version__",
    "connect",
    "health",
    "run_named",
]
