"""What the rules engine returns: violations, per-loadout results, summaries, overrides."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graphstore.rules.registry import Severity

ViolationStatus = Literal["open", "accepted"]
# design: the loadout breaks the rule. source_data: the unit file an import read disagrees
# with itself or with the catalog (each rule's header says when); `source_note` says how.
Cause = Literal["design", "source_data"]
OverrideHolder = Literal["Loadout", "Unit"]

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1}


class AcceptedViolationBase(BaseModel):
    """An override: a rule violation that a loadout or unit is allowed to keep."""

    rule: str = Field(min_length=1)
    equipment_id: str | None = Field(default=None, description="null: any equipment")
    reason: str = Field(min_length=1)
    accepted_by: str = Field(min_length=1)


class AcceptedViolationCreate(AcceptedViolationBase):
    id: str | None = Field(default=None, description="generated when omitted")


class AcceptedViolationPublic(AcceptedViolationBase):
    model_config = ConfigDict(frozen=True)

    id: str
    holder: OverrideHolder
    accepted_at: datetime | None = None

    def covers(self, rule: str, equipment_id: str | None) -> bool:
        return self.rule == rule and self.equipment_id in (None, equipment_id)


class Violation(BaseModel):
    """One broken rule in one loadout, with the numbers or path that prove it."""

    model_config = ConfigDict(frozen=True)

    loadout_id: str
    rule: str
    severity: Severity
    status: ViolationStatus = "open"
    equipment_id: str | None = None
    location: str | None = None
    message: str
    proof: dict[str, Any] = Field(default_factory=dict)
    cause: Cause = "design"
    source_note: str | None = None
    accepted: AcceptedViolationPublic | None = None

    @property
    def is_blocking(self) -> bool:
        """An open error: what makes a loadout invalid and a candidate excluded."""
        return self.severity == "error" and self.status == "open"

    def sort_key(self) -> tuple[int, int, str, str, str, str]:
        return (
            1 if self.status == "accepted" else 0,
            SEVERITY_ORDER[self.severity],
            self.rule,
            self.equipment_id or "",
            self.location or "",
            self.message,
        )


class LoadoutValidation(BaseModel):
    """Every violation of one loadout, sorted: open errors, open warnings, then accepted."""

    loadout_id: str
    violations: list[Violation]

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.is_blocking]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "warning" and v.status == "open"]

    @property
    def accepted(self) -> list[Violation]:
        return [v for v in self.violations if v.status == "accepted"]

    @property
    def design_errors(self) -> list[Violation]:
        """Open errors the design itself is to blame for (not its source data)."""
        return [v for v in self.errors if v.cause == "design"]

    @property
    def is_valid(self) -> bool:
        return not self.errors


class RuleCount(BaseModel):
    errors: int = 0
    warnings: int = 0
    accepted: int = 0
    by_cause: dict[Cause, int] = Field(
        default_factory=dict, description="open errors and warnings per cause"
    )


class ValidationSummary(BaseModel):
    """Totals over a validate_all run."""

    loadouts: int = 0
    loadouts_with_errors: int = 0
    loadouts_with_design_errors: int = Field(
        default=0, description="loadouts with an open error whose cause is the design"
    )
    errors: int = 0
    warnings: int = 0
    accepted: int = 0
    errors_by_cause: dict[Cause, int] = Field(default_factory=dict)
    by_rule: dict[str, RuleCount] = Field(default_factory=dict)


Tally = list[tuple[str, str, str, str]]
"""What a summary counts of one loadout's violations: (rule, status, severity, cause) each."""


def tally_of(result: LoadoutValidation) -> Tally:
    return [(v.rule, v.status, v.severity, v.cause) for v in result.violations]


class SummaryCounter:
    """ValidationSummary's counts kept in plain Python while a run goes (a pydantic model's
    attribute writes cost a microsecond each, which a warm run of 100,000 loadouts feels)."""

    def __init__(self) -> None:
        self.loadouts = 0
        self.loadouts_with_errors = 0
        self.loadouts_with_design_errors = 0
        self.totals = {"errors": 0, "warnings": 0, "accepted": 0}
        self.errors_by_cause: dict[str, int] = {}
        self.by_rule: dict[str, dict[str, Any]] = {}

    def add(self, tally: Tally) -> tuple[int, int]:
        """Counts one loadout; returns its open errors and open warnings."""
        self.loadouts += 1
        errors = warnings = design = 0
        for rule, status, severity, cause in tally:
            count = self.by_rule.get(rule)
            if count is None:
                count = self.by_rule[rule] = {
                    "errors": 0,
                    "warnings": 0,
                    "accepted": 0,
                    "by_cause": {},
                }
            if status == "accepted":
                count["accepted"] += 1
                self.totals["accepted"] += 1
                continue
            count["by_cause"][cause] = count["by_cause"].get(cause, 0) + 1
            if severity == "error":
                self.errors_by_cause[cause] = self.errors_by_cause.get(cause, 0) + 1
                count["errors"] += 1
                errors += 1
                design += cause == "design"
            else:
                count["warnings"] += 1
                warnings += 1
        self.totals["errors"] += errors
        self.totals["warnings"] += warnings
        self.loadouts_with_errors += errors > 0
        self.loadouts_with_design_errors += design > 0
        return errors, warnings

    def summary(self) -> ValidationSummary:
        return ValidationSummary(
            loadouts=self.loadouts,
            loadouts_with_errors=self.loadouts_with_errors,
            loadouts_with_design_errors=self.loadouts_with_design_errors,
            **self.totals,
            errors_by_cause=self.errors_by_cause,
            by_rule={rule: RuleCount(**count) for rule, count in self.by_rule.items()},
        )


class WorstLoadout(BaseModel):
    loadout_id: str
    errors: int
    warnings: int


class BatchValidation(BaseModel):
    """A batch validation: totals per rule, and the loadouts with the most problems."""

    summary: ValidationSummary
    worst: list[WorstLoadout]


class ValidationFilter(BaseModel):
    """Which loadouts validate_all visits. Unset fields match everything."""

    unit_ids: list[str] | None = None
    tech_base: str | None = None
    unit_type: str | None = None
    is_stock: bool | None = None


class CandidateEquipment(BaseModel):
    """A catalog item considered for one location, and what mounting it there would break."""

    equipment_id: str
    name: str | None = None
    compatible: bool
    violations: list[Violation] = Field(default_factory=list)
