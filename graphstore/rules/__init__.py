"""The compatibility and conflict engine: one Cypher file per rule, run as one query."""

from graphstore.rules.engine import (
    RulesEngine,
    ValidationRun,
    compatible_equipment,
    explain,
    validate,
    validate_all,
)
from graphstore.rules.models import (
    AcceptedViolationCreate,
    AcceptedViolationPublic,
    BatchValidation,
    CandidateEquipment,
    LoadoutValidation,
    RuleCount,
    ValidationFilter,
    ValidationSummary,
    Violation,
    WorstLoadout,
)
from graphstore.rules.registry import Rule, Severity, combined_query, rule, rules

__all__ = [
    "AcceptedViolationCreate",
    "AcceptedViolationPublic",
    "BatchValidation",
    "CandidateEquipment",
    "LoadoutValidation",
    "Rule",
    "RuleCount",
    "RulesEngine",
    "Severity",
    "ValidationFilter",
    "ValidationRun",
    "ValidationSummary",
    "Violation",
    "WorstLoadout",
    "combined_query",
    "compatible_equipment",
    "explain",
    "rule",
    "rules",
    "validate",
    "validate_all",
]
