"""GraphStore: the storage API over one graph.

    store = GraphStore(graph)            # or open_store(), which connects first
    store.units.create({...})
    with store.transaction() as tx:      # tx is a GraphStore bound to one transaction
        tx.units.update(...)
        tx.loadouts.add_mount(...)

Nested `transaction()` is refused with TransactionError: a Bolt transaction has no
savepoints, and a silently flattened inner block would commit or roll back with the outer
one against its author's expectation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pydantic
from neo4j import exceptions as neo4j_errors
from pydantic import TypeAdapter

from graphstore.connection import connect
from graphstore.errors import (
    NotFoundError,
    RestrictError,
    TransactionError,
    ValidationError,
)
from graphstore.graph import Graph, SchemaGuard, ScopedGraph, translate_driver_errors
from graphstore.instants import checked_instant
from graphstore.migrations import require_current
from graphstore.settings import StoreLimits
from graphstore.store import audit, calculations, integrity, listing
from graphstore.store.audit import SOURCES
from graphstore.store.categories import Categories
from graphstore.store.context import Context
from graphstore.store.entities import Repository, soft_deleted_before
from graphstore.store.equipment import EquipmentRepository
from graphstore.store.history import reads
from graphstore.store.history.models import MountedIn
from graphstore.store.idempotency import IdempotentRequests
from graphstore.store.loadouts import Loadouts
from graphstore.store.models import (
    CalculationPublic,
    ChangeNote,
    ChangePublic,
    DeleteReport,
    EquipmentPublic,
    Page,
    UnitPublic,
)
from graphstore.store.scope import (
    CatalogScope,
    Runner,
    Scope,
    Tenancy,
    TransactionScope,
    races_as_conflicts,
)
from graphstore.store.units import Units
from graphstore.store.validation import from_pydantic, validate
from graphstore.tenancy.extensions import (
    Extension,
    ExtensionsSet,
    get_extensions,
    replace_extensions,
)
from graphstore.tenancy.names import DEFAULT_TENANT

DEFAULT_ACTOR = "graphstore"
_NOTE: TypeAdapter[str | None] = TypeAdapter(ChangeNote | None)


def checked_note(note: str | None) -> str | None:
    """A change note under the text policy (graphstore.store.text); ValidationError else."""
    try:
        return _NOTE.validate_python(note)
    except pydantic.ValidationError as exc:
        raise ValidationError(from_pydantic(exc, "note")) from exc


T = TypeVar("T")


class GraphStore:
    """Units, equipment, categories and loadouts, kept referentially sound."""

    def __init__(
        self,
        graph: Graph,
        *,
        actor: str = DEFAULT_ACTOR,
        source: str = "library",
        note: str | None = None,
        limits: StoreLimits | None = None,
        tenant: str | None = DEFAULT_TENANT,
        platform: bool | None = None,
        key_id: str | None = None,
        _scope: Scope | None = None,
    ):
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
        self.graph = graph
        self.actor = actor
        self.source = source
        self.note = note = checked_note(note)
        self.key_id = key_id
        self.limits = limits or StoreLimits()
        if platform is None:
            # Before tenants there was one graph and its user ran the catalog too: the
            # default tenant's library store still does. A named tenant's store does not.
            platform = tenant == DEFAULT_TENANT
        self._scope = _scope or Scope(graph, Tenancy(tenant, tenant, platform))
        context = Context(
            scope=self._scope,
            actor=actor,
            source=source,
            note=note,
            limits=self.limits,
            key_id=key_id,
        )
        catalog = replace(context, scope=CatalogScope(self._scope))
        self.units = Units(context)
        self.equipment = EquipmentRepository(catalog)
        self.categories = Categories(catalog)
        self.loadouts = Loadouts(context)
        self.idempotency = IdempotentRequests(self._scope)

    @property
    def tenant(self) -> str | None:
        """Whose units and loadouts this store sees and writes (None: the shared ones)."""
        return self._scope.tenancy.tenant

    @property
    def scoped_graph(self) -> ScopedGraph:
        """The graph as this store's scope sees it: for the rules engine and the search
        functions, which take a Graph."""
        return ScopedGraph(self.graph, self._scope.tenancy)

    @property
    def platform(self) -> bool:
        """Whether this store writes the shared catalog and may run whole-graph work."""
        return self._scope.tenancy.platform

    def _with(self, **changes: Any) -> GraphStore:
        return GraphStore(self.graph, _scope=self._scope, **(self._options() | changes))

    def as_actor(self, actor: str) -> GraphStore:
        """The same store, recording `actor` in the audit trail."""
        return self._with(actor=actor)

    def with_note(self, note: str | None) -> GraphStore:
        """The same store, recording `note` (why) with every change it writes."""
        return self._with(note=note)

    # ---- transactions ------------------------------------------------------------------

    def atomic(self, work: Callable[[GraphStore], T]) -> T:
        """Runs `work` with a store bound to one managed transaction: every operation on it
        commits together or not at all, and a lost race runs the whole `work` again (so it
        must be idempotent: writes that set, not writes that add)."""
        if self._scope.in_transaction:
            raise TransactionError("store transactions do not nest; use the outer one")

        def run(tx: Runner) -> T:
            scope = TransactionScope(self.graph, tx, self._scope.tenancy, managed=True)
            return work(GraphStore(self.graph, _scope=scope, **self._options()))

        return self.graph.write_transaction(run)

    def _options(self) -> dict[str, Any]:
        return {
            "tenant": self._scope.tenancy.tenant,
            "platform": self._scope.tenancy.platform,
            "actor": self.actor,
            "source": self.source,
            "note": self.note,
            "limits": self.limits,
            "key_id": self.key_id,
        }

    # ---- transactions ------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[GraphStore]:
        """Runs every operation on the yielded store in one transaction: committed when the
        block ends, rolled back by any exception. A commit that loses a race raises
        ConflictError; retry the block."""
        if self._scope.in_transaction:
            raise TransactionError(
                "store transactions do not nest; run the inner operations on the outer `tx`"
            )
        with self.graph.session() as session:
            with translate_driver_errors("transaction"):
                tx = session.begin_transaction()
            scope = TransactionScope(self.graph, tx, self._scope.tenancy)
            try:
                yield GraphStore(self.graph, _scope=scope, **self._options())
            except BaseException:
                scope.tx = None
                # The block's own error is the one worth seeing, not a failed rollback's.
                with suppress(neo4j_errors.Neo4jError, neo4j_errors.DriverError):
                    if not tx.closed():
                        tx.rollback()
                raise
            scope.tx = None
            with races_as_conflicts("transaction commit"):
                tx.commit()

    # ---- tenant extensions -------------------------------------------------------------

    def extensions(self) -> list[Extension]:
        """The typed properties this store's tenant adds to its units' `extra`."""
        return get_extensions(self.scoped_graph)

    def set_extensions(self, wanted: list[Extension] | list[dict[str, Any]]) -> ExtensionsSet:
        """Replaces the tenant's extensions (graphstore.tenancy.extensions): a core name, a
        changed type, or a required one without a default is refused. Each added one with
        a default is written into the tenant's existing units (a version each)."""
        found, backfilled = replace_extensions(self.scoped_graph, wanted, self._backfill)
        return ExtensionsSet(extensions=found, units_backfilled=backfilled)

    def _backfill(self, added: list[Extension]) -> int:
        names = [e.name for e in added]
        ids = [r["id"] for r in self.scoped_graph.read("tenancy/units_missing_extra", names=names)]
        noted = self.with_note(f"extension defaults: {', '.join(names)}")
        changed = 0
        for unit_id in ids:
            current = self.units.get(unit_id, fields=["extra"]).extra or {}
            if all(name in current for name in names):
                continue
            noted.units.update(unit_id, {"extra": current})  # missing ones take defaults
            changed += 1
        return changed

    # ---- lists -------------------------------------------------------------------------

    def list_units(self, **filters: Any) -> Page[UnitPublic]:
        """Filters: tech_base, era, rules_level, unit_type, tonnage_min/max, bv_min/max,
        year_min/max, has_equipment (an equipment id), q (name contains), include_deleted;
        sort (UnitSort), descending, page, page_size."""
        return listing.list_units(self._scope, validate(listing.UnitListRequest, filters))

    def list_equipment(self, **filters: Any) -> Page[EquipmentPublic]:
        """Filters: tech_base, rules_level, category_id (with subcategories), is_weapon,
        tonnage_min/max, bv_min/max, year_min/max (intro year), q, include_deleted; sort,
        descending, page, page_size."""
        return listing.list_equipment(self._scope, validate(listing.EquipmentListRequest, filters))

    # ---- soft delete housekeeping ------------------------------------------------------

    def purge(self, older_than: datetime | timedelta = timedelta(0)) -> list[DeleteReport]:
        """Hard-deletes what was soft-deleted before `older_than` (a time, or an age).
        Equipment still mounted somewhere is kept: purge never forces."""
        cutoff = (
            datetime.now(UTC) - older_than if isinstance(older_than, timedelta) else (older_than)
        )

        def candidates(tx: Runner) -> list[dict[str, Any]]:
            return soft_deleted_before(tx, cutoff)

        repositories: dict[str, Repository[Any, Any, Any]] = {
            "Loadout": self.loadouts,
            "Unit": self.units,
            "Category": self.categories,
            "Equipment": self.equipment,
        }
        reports = []
        for row in sorted(
            self._scope.read(candidates), key=lambda r: list(repositories).index(r["label"])
        ):
            repository, entity_id = repositories[row["label"]], row["id"]

            def purge_one(
                tx: Runner,
                repository: Repository[Any, Any, Any] = repository,
                entity_id: str = entity_id,
            ) -> DeleteReport:
                return repository._delete_in(tx, entity_id, False, False, None)

            try:
                reports.append(CatalogScope(self._scope).write(purge_one))
            except NotFoundError:
                continue  # already gone with its owner
            except RestrictError:
                continue  # still referenced: purge never forces
        return reports

    # ---- audit, calculations, integrity ------------------------------------------------

    def history(self, entity_id: str, *, limit: int = 100) -> list[ChangePublic]:
        """Every recorded change of the entity, newest first."""
        return self._scope.read(lambda tx: audit.history(tx, entity_id, limit))

    def mounted_in(
        self, equipment_id: str, *, at: datetime | None = None, limit: int = 1_000
    ) -> list[MountedIn]:
        """The loadouts that mounted the item at `at` (now when None), from their version
        history: each loadout's version at that time, when it was live and mounted it.
        NotFoundError when none did and no such item exists."""
        when = datetime.now(UTC) if at is None else checked_instant(at, "at")
        found = self._scope.read(lambda tx: reads.mounted_in(tx, equipment_id, when, limit))
        if not found and not self.equipment.exists(equipment_id, include_deleted=True):
            raise NotFoundError("Equipment", equipment_id)
        return found

    def compute(self, loadout_id: str) -> list[CalculationPublic]:
        """(Re)computes the loadout's calculated properties and returns them."""
        self._scope.write(lambda tx: calculations.compute_in(tx, loadout_id))
        return self.calculations(loadout_id)

    def calculations(self, loadout_id: str) -> list[CalculationPublic]:
        return self._scope.read(lambda tx: calculations.list_in(tx, loadout_id))

    def check_integrity(self, *, repair: bool = False) -> integrity.IntegrityReport:
        """Orphans, dangling mounts, duplicate ids, missing properties, stale calculations;
        with `repair`, the safe kinds are fixed (and logged) and the graph checked again."""
        # Repairs may touch catalog items: they count as catalog changes.
        scope = CatalogScope(self._scope) if repair else self._scope
        return integrity.check(scope, self.actor, self.limits, repair_safe=repair)


def open_store(
    uri: str | None = None,
    *,
    actor: str = DEFAULT_ACTOR,
    tenant: str | None = DEFAULT_TENANT,
    platform: bool | None = None,
    schema_guard: SchemaGuard | None = require_current,
    **options: Any,
) -> GraphStore:
    """connect() (the local engine unless told otherwise), then a store over it, in
    `tenant`'s scope (see GraphStore). The store needs the current schema: by default a
    graph behind the code is refused."""
    graph = connect(uri, schema_guard=schema_guard, **options)
    return GraphStore(graph, actor=actor, tenant=tenant, platform=platform)
