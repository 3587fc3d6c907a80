"""The Migrator: plans and applies versioned Cypher migrations, undoes them, repairs history.

Guarantees:
- one migrator at a time (the graph lock), and validate/status never need the lock;
- a migration's data statements run in one transaction, its schema statements each alone;
- a failure leaves the data as it was and a FAILED record that `repair` clears;
- nothing runs past a FAILED migration, a changed applied script, or an out-of-order gap
  unless asked.
"""

from __future__ import annotations

import getpass
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from neo4j import ManagedTransaction

from graphstore import catalog_generation
from graphstore.errors import GraphStoreError, MigrationError
from graphstore.graph import Graph, run_named, translate_driver_errors
from graphstore.migrations.dry_run import check_plan
from graphstore.migrations.history import History, MigrationRecord, State
from graphstore.migrations.lock import MigrationLock
from graphstore.migrations.script import MigrationScript, ScriptSet, discover
from graphstore.resources import resource_dir

log = logging.getLogger(__name__)

BASELINE_KEY = "BASELINE"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class StatusRow:
    key: str
    version: int | None
    description: str
    status: str
    """applied | pending | changed | missing | failed | baseline | undone"""
    applied_at: datetime | None = None
    error: str | None = None


@dataclass(frozen=True)
class MigrationStatus:
    rows: list[StatusRow]
    schema_version: int | None
    latest_version: int | None

    @property
    def pending(self) -> list[StatusRow]:
        return [r for r in self.rows if r.status in ("pending", "undone")]

    @property
    def up_to_date(self) -> bool:
        return not self.pending and not any(r.status == "failed" for r in self.rows)


@dataclass
class ValidationReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class PlannedStep:
    script: MigrationScript
    direction: str  # "up", "down" or "repeat"


@dataclass
class MigrationResult:
    applied: list[str] = field(default_factory=list)
    dry_run: bool = False
    plan: list[PlannedStep] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    """Dry run only: one line per finding from the linter and EXPLAIN; empty means clean."""
    schema_version: int | None = None


class Migrator:
    def __init__(
        self,
        graph: Graph,
        directory: Path | None = None,
        *,
        actor: str | None = None,
        lock_wait_s: float = 30.0,
        lock_ttl_s: int = 600,
    ) -> None:
        self.graph = graph
        self.directory = directory or resource_dir("migrations")
        self.actor = actor or getpass.getuser()
        self.history = History(graph)
        self.lock_wait_s = lock_wait_s
        self.lock_ttl_s = lock_ttl_s

    # ---- reading: no lock -------------------------------------------------------------

    def scripts(self) -> ScriptSet:
        return discover(self.directory)

    def _baseline_version(self, current: dict[str, MigrationRecord]) -> int:
        baseline = current.get(BASELINE_KEY)
        return baseline.version or 0 if baseline is not None else 0

    def _applied_versions(self, current: dict[str, MigrationRecord]) -> set[int]:
        baseline = self._baseline_version(current)
        applied = {
            r.version
            for r in current.values()
            if r.version is not None and r.kind == "V" and r.state is State.SUCCESS
        }
        return applied | set(range(1, baseline + 1))

    def status(self) -> MigrationStatus:
        scripts = self.scripts()
        current = self.history.current()
        baseline = self._baseline_version(current)
        rows: list[StatusRow] = []
        for version in sorted(set(scripts.versioned) | _recorded_versions(current)):
            script = scripts.versioned.get(version)
            record = current.get(str(version))
            description = script.description if script else (record.description if record else "")
            rows.append(
                StatusRow(
                    str(version),
                    version,
                    description,
                    _versioned_status(script, record, baseline),
                    record.applied_at if record else None,
                    record.error if record else None,
                )
            )
        for description, script in sorted(scripts.repeatable.items()):
            record = current.get(script.key)
            if record is None:
                state = "pending"
            elif record.state in (State.FAILED, State.RUNNING):
                state = "failed"
            else:
                state = "applied" if record.checksum == script.checksum else "changed"
            rows.append(
                StatusRow(
                    script.key,
                    None,
                    description,
                    state,
                    record.applied_at if record else None,
                    record.error if record else None,
                )
            )
        return MigrationStatus(rows, self.history.schema_version(), scripts.latest_version)

    def applied_scripts(self) -> list[MigrationScript]:
        """The versioned scripts the database has applied (or baselined), in version order."""
        scripts = self.scripts()
        applied = self._applied_versions(self.history.current())
        return [scripts.versioned[v] for v in sorted(applied) if v in scripts.versioned]

    def validate(self) -> ValidationReport:
        """Checksum drift, missing files and failed migrations are errors; pending are warnings."""
        report = ValidationReport()
        for row in self.status().rows:
            name = f"V{row.version:03d}" if row.version is not None else row.key
            if row.status == "changed" and row.version is not None:
                report.errors.append(
                    f"{name} ({row.description}) changed since it was applied; restore the file "
                    "or accept it with `graphstore migrate repair`"
                )
            elif row.status == "changed":
                report.warnings.append(f"{name} changed and will be re-applied")
            elif row.status == "missing":
                report.errors.append(f"{name} was applied but its file is gone")
            elif row.status == "failed":
                report.errors.append(
                    f"{name} ({row.description}) FAILED: {row.error}. Fix it, then run "
                    "`graphstore migrate repair`"
                )
            elif row.status in ("pending", "undone"):
                report.warnings.append(f"{name} ({row.description}) is pending")
        return report

    def plan(self, target: int | None = None, *, out_of_order: bool = False) -> list[PlannedStep]:
        """The forward steps `migrate` would run, or a MigrationError saying why it will not."""
        scripts = self.scripts()
        current = self.history.current()
        report = self.validate()
        if not report.ok:
            raise MigrationError("refusing to migrate:\n- " + "\n- ".join(report.errors))
        applied = self._applied_versions(current)
        highest = max(applied, default=0)
        if target is not None:
            if target not in scripts.versioned and target not in applied:
                raise MigrationError(f"no migration V{target:03d} to target")
            if target < highest:
                raise MigrationError(
                    f"target V{target:03d} is below the applied V{highest:03d}; "
                    f"use `graphstore migrate rollback --to {target}`"
                )
        pending = sorted(
            v for v in scripts.versioned if v not in applied and (target is None or v <= target)
        )
        late = [v for v in pending if v < highest]
        if late and not out_of_order:
            names = ", ".join(f"V{v:03d}" for v in late)
            raise MigrationError(
                f"{names} {'is' if len(late) == 1 else 'are'} lower than the applied "
                f"V{highest:03d} (an out-of-order hotfix?). Re-run with --out-of-order to apply"
            )
        steps = [PlannedStep(scripts.versioned[v], "up") for v in pending]
        if target is None:
            for script in scripts.repeatable.values():
                record = current.get(script.key)
                if record is None or record.checksum != script.checksum:
                    steps.append(PlannedStep(script, "repeat"))
        return steps

    # ---- writing: under the lock --------------------------------------------------------

    def _lock(self) -> MigrationLock:
        return MigrationLock(self.graph, ttl_s=self.lock_ttl_s, wait_s=self.lock_wait_s)

    def migrate(
        self,
        target: int | None = None,
        *,
        dry_run: bool = False,
        out_of_order: bool = False,
        progress: Progress | None = None,
    ) -> MigrationResult:
        if dry_run:
            steps = self.plan(target, out_of_order=out_of_order)
            return MigrationResult(
                dry_run=True,
                plan=steps,
                checks=check_plan(self.graph, [step.script for step in steps]),
                schema_version=self.history.schema_version(),
            )
        result = MigrationResult()
        with self._lock().held() as lock:
            self._fail_interrupted()
            steps = self.plan(target, out_of_order=out_of_order)
            result.plan = steps
            if steps and not self.history.records():
                self.history.append(
                    key=BASELINE_KEY,
                    version=0,
                    description="empty schema",
                    kind="BASELINE",
                    state=State.BASELINE.value,
                    applied_by=self.actor,
                )
            for step in steps:
                if progress:
                    progress(f"applying {step.script.label}")
                self._apply(step.script)
                lock.extend()
                result.applied.append(step.script.label)
        result.schema_version = self.history.schema_version()
        return result

    def _fail_interrupted(self) -> None:
        """A RUNNING record seen under the lock belongs to a migrator that died mid-way."""
        for record in self.history.current().values():
            if record.state is State.RUNNING:
                log.warning("%s was interrupted; marking it FAILED", record.key)
                self.history.update(
                    record.seq,
                    state=State.FAILED.value,
                    error="interrupted: the process applying it stopped before it finished",
                )

    def _apply(self, script: MigrationScript) -> None:
        scripts = self.scripts()
        seq = self.history.append(
            key=script.key,
            version=script.version,
            description=script.description,
            kind=script.kind.value,
            checksum=script.checksum,
            applied_by=self.actor,
            state=State.RUNNING.value,
            script=script.label,
        )
        began = time.monotonic()
        leading, data, trailing = script.phases()
        schema_done: list[str] = []
        try:
            for statement in leading:
                _run_schema(self.graph, statement)
                schema_done.append(statement)
            _run_data(self.graph, data)
            for statement in trailing:
                _run_schema(self.graph, statement)
                schema_done.append(statement)
        except GraphStoreError as error:
            message = f"{type(error).__name__}: {error}"
            undo = scripts.undo.get(script.version) if script.version is not None else None
            if schema_done and undo is not None:
                try:
                    self._run_script(undo)
                    message += f" (schema changes undone by {undo.label})"
                except GraphStoreError as undo_error:
                    message += f" (undo {undo.label} failed too: {undo_error})"
            elif schema_done:
                message += " (schema statements already applied; no undo script)"
            self.history.update(
                seq, state=State.FAILED.value, error=message, duration_ms=_ms_since(began)
            )
            raise MigrationError(
                f"{script.label} failed and was recorded FAILED: {message}. Its data changes "
                "were rolled back. Fix the script, then run `graphstore migrate repair`"
            ) from error
        self.history.update(seq, state=State.SUCCESS.value, duration_ms=_ms_since(began))
        log.info("applied %s in %d ms", script.label, _ms_since(began))

    def _run_script(self, script: MigrationScript) -> None:
        leading, data, trailing = script.phases()
        for statement in leading:
            _run_schema(self.graph, statement)
        _run_data(self.graph, data)
        for statement in trailing:
            _run_schema(self.graph, statement)

    def rollback(self, to: int, *, progress: Progress | None = None) -> list[str]:
        """Runs the undo scripts of every applied version above `to`, newest first."""
        undone: list[str] = []
        with self._lock().held():
            scripts = self.scripts()
            current = self.history.current()
            failed = [r.key for r in current.values() if r.state in (State.FAILED, State.RUNNING)]
            if failed:
                raise MigrationError(
                    f"refusing to roll back past FAILED {failed}; run `graphstore migrate repair`"
                )
            baseline = self._baseline_version(current)
            if to < baseline:
                raise MigrationError(f"cannot roll back below the baseline V{baseline:03d}")
            applied = sorted(
                (
                    r.version
                    for r in current.values()
                    if r.kind == "V" and r.state is State.SUCCESS and r.version is not None
                ),
                reverse=True,
            )
            versions = [v for v in applied if v > to]
            missing = [f"V{v:03d}" for v in versions if v not in scripts.undo]
            if missing:
                raise MigrationError(
                    f"cannot roll back to V{to:03d}: no undo script for {', '.join(missing)} "
                    "(add U<NNN>__<description>.cypher)"
                )
            for version in versions:
                undo = scripts.undo[version]
                if progress:
                    progress(f"undoing V{version:03d} with {undo.label}")
                began = time.monotonic()
                record = {
                    "key": str(version),
                    "version": version,
                    "description": undo.description,
                    "kind": "U",
                    "checksum": undo.checksum,
                    "applied_by": self.actor,
                    "script": undo.label,
                }
                try:
                    self._run_script(undo)
                except GraphStoreError as error:
                    self.history.append(**record, state=State.FAILED.value, error=str(error))
                    raise MigrationError(
                        f"{undo.label} failed: {error}. Run `graphstore migrate repair`"
                    ) from error
                self.history.append(
                    **record, state=State.UNDONE.value, duration_ms=_ms_since(began)
                )
                undone.append(undo.label)
        return undone

    def repair(self) -> list[str]:
        """Clears FAILED records and accepts the current checksums of changed scripts."""
        actions: list[str] = []
        with self._lock().held():
            self._fail_interrupted()
            scripts = self.scripts()
            for record in self.history.current().values():
                if record.state in (State.FAILED, State.RUNNING):
                    self.history.update(record.seq, state=State.CLEARED.value)
                    actions.append(f"cleared FAILED {record.key} ({record.description})")
                    continue
                script = (
                    scripts.versioned.get(record.version)
                    if record.version is not None
                    else scripts.repeatable.get(record.description)
                )
                if (
                    record.state is State.SUCCESS
                    and record.kind == "V"
                    and script is not None
                    and script.checksum != record.checksum
                ):
                    self.history.update(record.seq, checksum=script.checksum)
                    actions.append(f"accepted the new checksum of {script.label}")
        return actions

    def baseline(self, version: int) -> None:
        """Adopts an existing database: versions up to `version` count as applied."""
        with self._lock().held():
            if self.history.records():
                raise MigrationError("this graph already has a migration history; cannot baseline")
            self.history.append(
                key=BASELINE_KEY,
                version=version,
                description=f"baseline at V{version:03d}",
                kind="BASELINE",
                state=State.BASELINE.value,
                applied_by=self.actor,
            )


def _recorded_versions(current: dict[str, MigrationRecord]) -> set[int]:
    return {r.version for r in current.values() if r.version and r.kind in ("V", "U")}


def _versioned_status(
    script: MigrationScript | None, record: MigrationRecord | None, baseline: int
) -> str:
    version = script.version if script else (record.version if record else None)
    if record is not None and record.state in (State.FAILED, State.RUNNING):
        return "failed"
    if record is not None and record.state is State.SUCCESS:
        if script is None:
            return "missing"
        return "applied" if record.checksum == script.checksum else "changed"
    if record is not None and record.state is State.UNDONE:
        return "undone"
    if version is not None and version <= baseline:
        return "baseline"
    return "pending"


def _ms_since(began: float) -> int:
    return int((time.monotonic() - began) * 1000)


def _run_schema(graph: Graph, statement: str) -> None:
    """One schema statement in its own transaction: Neo4j refuses to mix it with data writes."""
    with translate_driver_errors("migration schema statement"):
        graph.driver.execute_query(statement, database_=graph.database)


def _run_data(graph: Graph, statements: list[str]) -> None:
    if not statements:
        return

    def apply_all(tx: ManagedTransaction) -> None:
        for statement in statements:
            tx.run(statement).consume()
        # A data step may change the catalog: cached catalog lookups must read again.
        run_named(tx, catalog_generation.CHANGED)

    graph.write_transaction(apply_all)
