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
    RuleDefinitionError,
    SchemaOutOfDateError,
)
from graphstore.health import Health, health
from graphstore.importer import (
    ImportReport,
    RulesImportReport,
    graph_hash,
    import_megamek,
    import_rules,
    load_demo,
)
from graphstore.queries import Query
from graphstore.rules import (
    AcceptedViolationCreate,
    AcceptedViolationPublic,
    CandidateEquipment,
    LoadoutValidation,
    RulesEngine,
    ValidationFilter,
    ValidationRun,
    ValidationSummary,
    Violation,
    compatible_equipment,
    explain,
    validate,
    validate_all,
)
from graphstore.settings import EngineSettings, Neo4jSettings

__version__ = "0.1.0"

__all__ = [
    "AcceptedViolationCreate",
    "AcceptedViolationPublic",
    "AuthenticationError",
    "CandidateEquipment",
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
    "ImportReport",
    "LoadoutValidation",
    "LocalEngine",
    "Neo4jSettings",
    "Query",
    "QueryError",
    "QueryNotFoundError",
    "RuleDefinitionError",
    "RulesEngine",
    "RulesImportReport",
    "SchemaOutOfDateError",
    "ValidationFilter",
    "ValidationRun",
    "ValidationSummary",
    "Violation",
    "__version__",
    "compatible_equipment",
    "connect",
    "explain",
    "graph_hash",
    "health",
    "import_megamek",
    "import_rules",
    "load_demo",
    "run_named",
    "validate",
    "validate_all",
]
