"""Runs the rule registry against loadouts: validate, validate_all, compatible_equipment, explain.

Every call is read-only and runs in one read transaction: one query for the loadouts'
context (existence, overrides) and the combined query of every rule file. validate asks one
"check" per loadout. explain and compatible_equipment ask one check per candidate item, a
hypothetical extra mount at the location, and keep the rows that involve it: the same rule
bodies judge both (graphstore.rules.registry).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from neo4j import ManagedTransaction

from graphstore.errors import NotFoundError
from graphstore.graph import SINGLE_TENANT, Graph, run_named
from graphstore.readmodel import ReadModel, read_model
from graphstore.rules import registry
from graphstore.rules.models import (
    AcceptedViolationCreate,
    AcceptedViolationPublic,
    BatchValidation,
    CandidateEquipment,
    LoadoutValidation,
    OverrideHolder,
    SummaryCounter,
    Tally,
    ValidationFilter,
    ValidationSummary,
    Violation,
    WorstLoadout,
    tally_of,
)
from graphstore.store.audit import log_key
from graphstore.values import plain

CONTEXT_QUERY = "rules/support/loadout_context"
EQUIPMENT_LOOKUP_QUERY = "rules/support/equipment_lookup"
OFFERABLE_QUERY = "rules/support/offerable_equipment"
CANDIDATES_PER_QUERY = 600
CONCURRENT_BATCHES = 2
"""Batches a run validates at once. The engine works on one while Python reads another's
rows. On two cores, 12,000 of the 100k graph's loadouts: one at a time 1,720-1,770/s, two
2,350-2,380/s (docs/benchmarks.md); three were slower than two (1,690/s against 2,090/s,
measured before rows skipped record.data())."""
ACCEPT_QUERY = "rules/support/accept_violation"

BASE_CHECK = ""
"""The check key of a loadout as it is, with no hypothetical mount."""


def _normalise_proof(proof: dict[str, Any] | None) -> dict[str, Any]:
    # Plain Cypher has no list sort, and collected lists come back in traversal order; the
    # lists in proofs are sets (categories, allowed locations, candidate ids), so sort them.
    normalised: dict[str, Any] = {}
    for key, value in (proof or {}).items():
        normalised[key] = sorted(set(value)) if isinstance(value, list) else value
    return normalised


def _overrides(rows: Iterable[dict[str, Any]]) -> list[AcceptedViolationPublic]:
    return [
        AcceptedViolationPublic.model_validate(
            {**row, "accepted_at": plain(row.get("accepted_at"))}
        )
        for row in rows
    ]


def _run_checks(tx: ManagedTransaction, checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not checks:
        return []
    return run_named(tx, registry.combined_query(), checks=checks, **registry.constants())


def _candidate_rows(
    tx: ManagedTransaction, loadout_id: str, location: str, candidate_ids: list[str]
) -> list[dict[str, Any]]:
    """The rule rows that mounting each candidate (each on its own) at `location` would add."""
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(candidate_ids, CANDIDATES_PER_QUERY):
        checks = [RulesEngine._check(loadout_id, item, location) for item in chunk]
        rows += [row for row in _run_checks(tx, checks) if row["involves_candidate"]]
    return rows


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Context:
    """What the context query says about one loadout."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.loadout_id: str = row["loadout_id"]
        self.deleted: bool = bool(row["deleted"])
        self.unit_id: str | None = row["unit_id"]
        self.overrides = _overrides(row["overrides"] or [])


Fresh = list[LoadoutValidation]
"""Loadouts validated now, not taken from stored verdicts."""


class ValidationRun:
    """A streaming validate_all: iterate for per-loadout results; `summary` fills as you go.

    `total` is known before the first result, for progress bars. `run()` counts without
    building each result: a stored verdict's tally is enough for the summary.
    """

    def __init__(
        self,
        engine: RulesEngine,
        loadout_ids: list[str],
        batch_size: int,
        verdicts: ReadModel | None = None,
    ) -> None:
        self.loadout_ids = loadout_ids
        self.total = len(loadout_ids)
        self.reused = 0
        """Results taken from stored verdicts (graphstore.readmodel.verdicts)."""
        self._counter = SummaryCounter()
        self._engine = engine
        self._batch_size = batch_size
        self._verdicts = verdicts

    @property
    def summary(self) -> ValidationSummary:
        return self._counter.summary()

    def __iter__(self) -> Iterator[LoadoutValidation]:
        for batch, kept, fresh in self._batches():
            found = {r.loadout_id: r for r in fresh}
            for loadout_id, (result, _) in kept.items():
                found[loadout_id] = LoadoutValidation.model_validate_json(result)
            for loadout_id in batch:
                if loadout_id in found:
                    self._counter.add(tally_of(found[loadout_id]))
                    yield found[loadout_id]

    def tallies(self) -> Iterator[tuple[str, tuple[int, int]]]:
        """(loadout id, (open errors, open warnings)) of each loadout, counted into the
        summary, without building results that stored verdicts hold."""
        for batch, kept, fresh in self._batches():
            found: dict[str, Tally] = {r.loadout_id: tally_of(r) for r in fresh}
            for loadout_id, (_, tally) in kept.items():
                found[loadout_id] = [tuple(row) for row in json.loads(tally)]
            for loadout_id in batch:
                if loadout_id in found:
                    yield loadout_id, self._counter.add(found[loadout_id])

    def run(self) -> ValidationSummary:
        """Consumes the whole run and returns the summary."""
        for _ in self.tallies():
            pass
        return self.summary

    def _batches(
        self,
    ) -> Iterator[tuple[Sequence[str], dict[str, tuple[str, str]], list[LoadoutValidation]]]:
        """Each batch with its stored verdicts (result and tally JSON) and its other loadouts
        validated now, in order. Stored verdicts are read here; what they miss is validated
        (and stored) in the pool, while the consumer works on an earlier batch. A consumer
        that stops early cancels what has not begun."""
        pending: deque[tuple[Sequence[str], dict[str, tuple[str, str]], Future[Fresh]]]
        pending = deque()
        with ThreadPoolExecutor(CONCURRENT_BATCHES, thread_name_prefix="validate") as pool:
            try:
                for batch in _chunks(self.loadout_ids, self._batch_size):
                    kept = self._stored(batch)
                    missing = [i for i in batch if i not in kept]
                    fresh: Future[Fresh] = Future()
                    if missing:
                        fresh = pool.submit(self._validate, missing)
                    else:
                        fresh.set_result([])
                    pending.append((batch, kept, fresh))
                    if len(pending) >= CONCURRENT_BATCHES:
                        yield self._done(*pending.popleft())
                while pending:
                    yield self._done(*pending.popleft())
            finally:
                for _, _, future in pending:
                    future.cancel()

    def _done(
        self, batch: Sequence[str], kept: dict[str, tuple[str, str]], fresh: Future[Fresh]
    ) -> tuple[Sequence[str], dict[str, tuple[str, str]], list[LoadoutValidation]]:
        self.reused += len(kept)
        return batch, kept, fresh.result()

    def _stored(self, batch: Sequence[str]) -> dict[str, tuple[str, str]]:
        if self._verdicts is None:
            return {}
        return self._verdicts.stored_verdicts(batch, self._engine.rules_key)

    def _validate(self, loadout_ids: Sequence[str]) -> Fresh:
        model = self._verdicts
        if model is None:
            return self._engine.validate_many(loadout_ids)
        since = model.log_position()
        fresh = self._engine.validate_many(loadout_ids)
        model.store_verdicts(
            [(r.loadout_id, r.model_dump_json(), json.dumps(tally_of(r))) for r in fresh],
            self._engine.rules_key,
            since,
        )
        return fresh


class RulesEngine:
    """The compatibility and conflict rules of docs/model.md, run on one graph."""

    def __init__(self, graph: Graph, *, batch_size: int = 500) -> None:
        self.graph = graph
        self.batch_size = batch_size
        self._rules = {rule.id: rule for rule in registry.rules()}
        rules_text = registry.combined_query().text + json.dumps(
            registry.constants(), sort_keys=True
        )
        self.rules_key = hashlib.sha256(rules_text.encode()).hexdigest()[:16]
        """Which rules a stored verdict was reached under: another version of them is not
        reused."""

    @property
    def rules(self) -> list[registry.Rule]:
        return list(self._rules.values())

    # -- validation ------------------------------------------------------------------------

    def validate(self, loadout_id: str) -> LoadoutValidation:
        """Every violation of one live loadout, sorted by severity. Read-only in the graph.

        The verdict a batch (or an earlier call) stored is the answer while the write log has
        not marked it stale (graphstore.readmodel.verdicts): the read model catches up first,
        so the caller's own writes are seen. Otherwise the rules run, and their verdict is
        stored. A loadout the scope does not see always goes to the graph, which answers
        as for one that never existed."""
        model = read_model(self.graph)
        model.refresh()
        tenant = getattr(self.graph, "tenancy", SINGLE_TENANT).tenant
        stored = model.stored_verdict(loadout_id, tenant, self.rules_key)
        if stored is not None:
            return LoadoutValidation.model_validate_json(stored)
        since = model.log_position()
        result = self.validate_many([loadout_id], missing_ok=False)[0]
        model.store_verdicts(
            [(result.loadout_id, result.model_dump_json(), json.dumps(tally_of(result)))],
            self.rules_key,
            since,
        )
        return result

    def validate_many(
        self, loadout_ids: Sequence[str], *, missing_ok: bool = True
    ) -> list[LoadoutValidation]:
        """Validates several loadouts in one read transaction (two queries).

        Missing and soft-deleted loadouts are skipped, or raise NotFoundError when
        `missing_ok` is false.
        """
        ids = list(dict.fromkeys(loadout_ids))

        def work(tx: ManagedTransaction) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            context = run_named(tx, CONTEXT_QUERY, loadout_ids=ids)
            live = [row["loadout_id"] for row in context if not row["deleted"]]
            rows = _run_checks(tx, [self._check(loadout_id) for loadout_id in live])
            return context, rows

        context_rows, rows = self.graph.read_transaction(work)
        contexts = {row["loadout_id"]: _Context(row) for row in context_rows}
        if not missing_ok:
            for loadout_id in ids:
                found = contexts.get(loadout_id)
                if found is None or found.deleted:
                    raise NotFoundError("Loadout", loadout_id)
        by_loadout: dict[str, list[Violation]] = defaultdict(list)
        for row in rows:
            context = contexts[row["loadout_id"]]
            by_loadout[row["loadout_id"]].append(self._violation(row, context.overrides))
        return [
            LoadoutValidation(
                loadout_id=loadout_id, violations=sorted(by_loadout[loadout_id], key=_sort_key)
            )
            for loadout_id in ids
            if loadout_id in contexts and not contexts[loadout_id].deleted
        ]

    def validate_all(
        self,
        filter: ValidationFilter | None = None,
        *,
        batch_size: int | None = None,
        reuse: bool = True,
    ) -> ValidationRun:
        """Every live loadout (optionally filtered), validated in batches as you iterate.
        The loadouts come from the read model; with `reuse`, so do the verdicts nothing has
        made stale since they were reached (graphstore.readmodel.verdicts), and the others
        are stored for the next run. Without it, every loadout is validated afresh."""
        chosen = filter or ValidationFilter()
        model = read_model(self.graph)
        model.refresh()
        tenant = getattr(self.graph, "tenancy", SINGLE_TENANT).tenant
        ids = model.live_loadouts(tenant, chosen.model_dump())
        return ValidationRun(
            self, ids, batch_size or self.batch_size, verdicts=model if reuse else None
        )

    def validate_batch(
        self, filter: ValidationFilter | None = None, *, worst: int = 10
    ) -> BatchValidation:
        """Every loadout `filter` matches: the per-rule totals and the `worst` loadouts (most
        errors, then most warnings; none without a problem)."""
        run = self.validate_all(filter)
        scored = [
            (-errors, -warnings, loadout_id)
            for loadout_id, (errors, warnings) in run.tallies()
            if errors or warnings
        ]
        ranked = [
            WorstLoadout(loadout_id=loadout_id, errors=-errors, warnings=-warnings)
            for errors, warnings, loadout_id in sorted(scored)[:worst]
        ]
        return BatchValidation(summary=run.summary, worst=ranked)

    def verdict_drift(self) -> list[str]:
        """The live loadouts whose stored verdict differs from what the rules answer now:
        a write that bypassed the log (Cypher run by hand, say) left it unmarked. A
        difference is looked at again after another catch-up, so a write committing while
        this runs is not reported. Validates every loadout holding a verdict."""
        model = read_model(self.graph)

        def differing(loadout_ids: Sequence[str]) -> list[str]:
            model.refresh()
            found: list[str] = []
            for batch in _chunks(loadout_ids, self.batch_size):
                kept = model.stored_verdicts(batch, self.rules_key)
                fresh = {r.loadout_id: r for r in self.validate_many(list(kept))}
                found += [
                    loadout_id
                    for loadout_id, (result, _) in kept.items()
                    if fresh.get(loadout_id) != LoadoutValidation.model_validate_json(result)
                ]
            return found

        model.refresh()
        tenant = getattr(self.graph, "tenancy", SINGLE_TENANT).tenant
        first = differing(model.live_loadouts(tenant, {}))
        return sorted(differing(first)) if first else []

    # -- what fits -------------------------------------------------------------------------

    def explain(self, loadout_id: str, equipment_id: str, location: str) -> list[Violation]:
        """Every rule that mounting `equipment_id` at `location` would break; [] if none.

        Includes warnings, and violations an override accepts (status "accepted").
        """

        def work(tx: ManagedTransaction) -> tuple[list[dict[str, Any]], bool, list[Any]]:
            context = run_named(tx, CONTEXT_QUERY, loadout_ids=[loadout_id])
            exists = bool(run_named(tx, EQUIPMENT_LOOKUP_QUERY, ids=[equipment_id]))
            if not context or context[0]["deleted"] or not exists:
                return context, exists, []
            rows = _candidate_rows(tx, loadout_id, location, [equipment_id])
            return context, exists, rows

        context_rows, exists, rows = self.graph.read_transaction(work)
        context = self._require_live(loadout_id, context_rows)
        if not exists:
            raise NotFoundError("Equipment", equipment_id)
        return self._candidate_violations(rows, context)[equipment_id]

    def compatible_equipment(
        self, loadout_id: str, location: str, *, include_excluded: bool = False
    ) -> list[CandidateEquipment]:
        """Catalog items that could be mounted at `location` now without an open error.

        Unresolved placeholders and soft-deleted items are never offered. With
        `include_excluded`, excluded items are listed too, each with the violations that
        exclude it (and any warnings or accepted ones, for context).
        """

        def work(tx: ManagedTransaction) -> tuple[Any, list[dict[str, Any]], list[Any]]:
            context = run_named(tx, CONTEXT_QUERY, loadout_ids=[loadout_id])
            if not context or context[0]["deleted"]:
                return context, [], []
            catalog = run_named(tx, OFFERABLE_QUERY)
            rows = _candidate_rows(tx, loadout_id, location, [item["id"] for item in catalog])
            return context, catalog, rows

        context_rows, catalog, rows = self.graph.read_transaction(work)
        context = self._require_live(loadout_id, context_rows)
        violations = self._candidate_violations(rows, context)
        offered = []
        for item in catalog:
            found = violations.get(item["id"], [])
            compatible = not any(v.is_blocking for v in found)
            if compatible or include_excluded:
                offered.append(
                    CandidateEquipment(
                        equipment_id=item["id"],
                        name=item["name"],
                        compatible=compatible,
                        violations=found,
                    )
                )
        return offered

    # -- overrides -------------------------------------------------------------------------

    def accept_violation(
        self, holder: OverrideHolder, holder_id: str, override: AcceptedViolationCreate
    ) -> AcceptedViolationPublic:
        """Records that `holder` (a Loadout or Unit id) accepts a rule violation."""
        registry.rule(override.rule)
        override_id = override.id or str(uuid.uuid4())
        change_id = uuid.uuid4().hex
        rows = self.graph.write(
            ACCEPT_QUERY,
            change_id=change_id,
            log_key=log_key(change_id),
            holder_kind=holder,
            holder_id=holder_id,
            id=override_id,
            rule=override.rule,
            equipment_id=override.equipment_id,
            reason=override.reason,
            accepted_by=override.accepted_by,
            platform=getattr(self.graph, "tenancy", SINGLE_TENANT).platform,
        )
        if not rows:
            raise NotFoundError(holder, holder_id)
        return AcceptedViolationPublic(
            id=override_id,
            holder=holder,
            rule=override.rule,
            equipment_id=override.equipment_id,
            reason=override.reason,
            accepted_by=override.accepted_by,
            accepted_at=plain(rows[0]["accepted_at"]),
        )

    # -- internals -------------------------------------------------------------------------

    @staticmethod
    def _check(
        loadout_id: str, equipment_id: str | None = None, location: str | None = None
    ) -> dict[str, Any]:
        return {
            "key": equipment_id if equipment_id is not None else BASE_CHECK,
            "loadout_id": loadout_id,
            "equipment_id": equipment_id,
            "location": location,
        }

    def _violation(
        self, row: dict[str, Any], overrides: list[AcceptedViolationPublic]
    ) -> Violation:
        rule = self._rules[row["rule"]]
        accepted = next((o for o in overrides if o.covers(rule.id, row["equipment_id"])), None)
        return Violation(
            loadout_id=row["loadout_id"],
            rule=rule.id,
            severity=row["severity"] or rule.severity,
            status="accepted" if accepted else "open",
            equipment_id=row["equipment_id"],
            location=row["location"],
            message=row["message"],
            proof=_normalise_proof(row["proof"]),
            cause=row["cause"],
            source_note=row["source_note"],
            accepted=accepted,
        )

    def _candidate_violations(
        self, rows: list[dict[str, Any]], context: _Context
    ) -> defaultdict[str, list[Violation]]:
        by_candidate: defaultdict[str, list[Violation]] = defaultdict(list)
        for row in rows:
            if row["involves_candidate"]:
                by_candidate[row["check_key"]].append(self._violation(row, context.overrides))
        for found in by_candidate.values():
            found.sort(key=_sort_key)
        return by_candidate

    @staticmethod
    def _require_live(loadout_id: str, context_rows: list[dict[str, Any]]) -> _Context:
        if not context_rows or context_rows[0]["deleted"]:
            raise NotFoundError("Loadout", loadout_id)
        return _Context(context_rows[0])


def _sort_key(violation: Violation) -> tuple[int, int, str, str, str, str]:
    return violation.sort_key()


def validate(graph: Graph, loadout_id: str) -> LoadoutValidation:
    """Every violation of one loadout, sorted by severity (see RulesEngine.validate)."""
    return RulesEngine(graph).validate(loadout_id)


def validate_all(graph: Graph, filter: ValidationFilter | None = None) -> ValidationRun:
    """A streaming validation of every live loadout (see RulesEngine.validate_all)."""
    return RulesEngine(graph).validate_all(filter)


def compatible_equipment(
    graph: Graph, loadout_id: str, location: str, *, include_excluded: bool = False
) -> list[CandidateEquipment]:
    """What could be mounted at `location` now (see RulesEngine.compatible_equipment)."""
    return RulesEngine(graph).compatible_equipment(
        loadout_id, location, include_excluded=include_excluded
    )


def explain(graph: Graph, loadout_id: str, equipment_id: str, location: str) -> list[Violation]:
    """What mounting an item at a location would break (see RulesEngine.explain)."""
    return RulesEngine(graph).explain(loadout_id, equipment_id, location)
