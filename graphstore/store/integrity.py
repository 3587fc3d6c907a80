"""The integrity check: each kind of corruption is one named query in cypher/store/checks/,
whose header states its `@severity`. Kinds with a safe fix have a repair query in
cypher/store/repairs/ (or a function, for calculations) that fixes what it finds and returns
what it changed; every repair is also written to the audit trail as a `repair` Change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel

from graphstore import queries
from graphstore.errors import QueryError
from graphstore.readmodel import read_model
from graphstore.readmodel.drift import drift
from graphstore.rules.engine import RulesEngine
from graphstore.settings import StoreLimits
from graphstore.store.audit import ChangeLog
from graphstore.store.calculations import compute_in
from graphstore.store.convert import plain
from graphstore.store.history.catch_up import record_untracked
from graphstore.store.history.checks import history_findings
from graphstore.store.scope import Runner, Scope, run

Severity = Literal["error", "warning", "info"]


def _recompute_stale(tx: Runner) -> list[dict[str, Any]]:
    rows = run(tx, "store/checks/stale_calculation")
    loadouts = sorted({row["loadout_id"] for row in rows if row.get("loadout_id")})
    for loadout_id in loadouts:
        compute_in(tx, loadout_id)
    return [
        {"label": "Loadout", "id": loadout_id, "action": "recomputed calculations"}
        for loadout_id in loadouts
    ]


def _named(name: str) -> Callable[[Runner], list[dict[str, Any]]]:
    def repair(tx: Runner) -> list[dict[str, Any]]:
        return run(tx, name)

    repair.__name__ = name.replace("/", "_")
    return repair


# Only the kinds whose fix cannot lose information. The others are shown, never touched.
REPAIRS: dict[str, Callable[[Runner], list[dict[str, Any]]]] = {
    "orphan_loadout": _named("store/repairs/orphan_loadout"),
    "orphan_location": _named("store/repairs/orphan_location"),
    "orphan_calculation": _named("store/repairs/orphan_calculation"),
    "dangling_mount": _named("store/repairs/dangling_mount"),
    "mount_missing_id": _named("store/repairs/mount_missing_id"),
    "duplicate_mount_id": _named("store/repairs/duplicate_mount_id"),
    "missing_version": _named("store/repairs/missing_version"),
    "loadout_of_deleted_unit": _named("store/repairs/loadout_of_deleted_unit"),
    "stale_calculation": _recompute_stale,
}


DELETING_REPAIRS = frozenset({"dangling_mount", "orphan_calculation", "orphan_location"})
"""Repairs that delete something (what `graphstore check --repair` backs up first)."""

HISTORY_REPAIRS = frozenset({"history_missing", "history_stale"})
READ_MODEL_DRIFT = "read_model_drift"
"""The read model disagrees with the graph (graphstore.readmodel.drift); a rebuild fixes it."""
"""History findings that recording a version fixes (graphstore.store.history.catch_up)."""


class Finding(BaseModel):
    kind: str
    severity: Severity
    label: str | None
    id: str | None
    detail: str
    repairable: bool


class RepairAction(BaseModel):
    kind: str
    label: str | None
    id: str | None
    action: str


class IntegrityReport(BaseModel):
    checked_at: datetime
    findings: list[Finding]
    repaired: list[RepairAction] = []

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.kind] = counts.get(finding.kind, 0) + 1
        return counts


def check_names() -> list[str]:
    return queries.available("store/checks/")


def find(scope: Scope, limits: StoreLimits) -> list[Finding]:
    """Every check's findings. Each check reads in its own transaction: one that cannot run
    (a link to a vanished record makes the engine refuse some traversals) is itself an
    error finding, and the other checks still report. A check that declares a parameter
    named like a store limit gets that limit's configured value."""
    findings: list[Finding] = []
    configured = limits.model_dump()
    for name in check_names():
        query = queries.load(name)
        kind = name.rsplit("/", 1)[-1]
        severity = query.metadata.get("severity", "error")
        parameters = {key: configured[key] for key in query.parameters}

        def work(
            tx: Runner, name: str = name, parameters: dict[str, Any] = parameters
        ) -> list[dict[str, Any]]:
            return run(tx, name, **parameters)

        try:
            rows = scope.read(work)
        except QueryError as failed:
            findings.append(
                Finding(
                    kind="check_failed",
                    severity="error",
                    label=None,
                    id=kind,
                    detail=f"the {kind} check could not run: {failed}",
                    repairable=False,
                )
            )
            continue
        for row in rows:
            findings.append(
                Finding(
                    kind=kind,
                    severity=severity,
                    label=row.get("label"),
                    id=None if row.get("id") is None else str(row["id"]),
                    detail=str(plain(row.get("detail")) or query.description),
                    repairable=kind in REPAIRS,
                )
            )
    findings += [
        Finding(**found, repairable=found["kind"] in HISTORY_REPAIRS)
        for found in history_findings(scope)
    ]
    findings += [
        Finding(
            kind=READ_MODEL_DRIFT,
            severity="error",
            label=found.label,
            id=found.id,
            detail=f"read model: {found.detail} (lists and statistics show it wrongly)",
            repairable=True,
        )
        for found in drift(read_model(scope.graph))
    ]
    findings += [
        Finding(
            kind=READ_MODEL_DRIFT,
            severity="error",
            label="Loadout",
            id=loadout_id,
            detail="read model: its stored verdict differs from a fresh validation "
            "(validation answers it wrongly)",
            repairable=True,
        )
        for loadout_id in RulesEngine(scope.graph).verdict_drift()
    ]
    return findings


def repair(scope: Scope, actor: str, kinds: set[str]) -> list[RepairAction]:
    """Runs the safe repair of each kind in `kinds`, each in its own transaction."""
    actions: list[RepairAction] = []
    for kind, fix in REPAIRS.items():
        if kind not in kinds:
            continue

        def work(tx: Runner, kind: str = kind, fix: Any = fix) -> list[RepairAction]:
            done = [RepairAction(kind=kind, **row) for row in fix(tx)]
            log = ChangeLog(actor=actor, at=datetime.now(UTC), source="repair")
            for action in done:
                if action.label in {"Unit", "Equipment", "Category", "Loadout"} and action.id:
                    log.add("repair", action.label, action.id, {}, {"repair": action.action})
            log.write(tx)
            return done

        actions += scope.write(work)
    if READ_MODEL_DRIFT in kinds:
        read_model(scope.graph).rebuild()
        actions.append(
            RepairAction(
                kind=READ_MODEL_DRIFT, label=None, id=None, action="rebuilt the read model"
            )
        )
    if kinds & HISTORY_REPAIRS:
        actions += [
            RepairAction(kind="history", label=label, id=entity_id, action="recorded a version")
            for label, entity_id in record_untracked(scope, actor, source="repair")
        ]
    return actions


def check(
    scope: Scope, actor: str, limits: StoreLimits, *, repair_safe: bool = False
) -> IntegrityReport:
    """Finds corruption; with `repair_safe`, fixes the safe kinds and checks again."""
    findings = find(scope, limits)
    if not repair_safe:
        return IntegrityReport(checked_at=datetime.now(UTC), findings=findings)
    actions = repair(scope, actor, {f.kind for f in findings if f.repairable})
    return IntegrityReport(
        checked_at=datetime.now(UTC), findings=find(scope, limits), repaired=actions
    )
