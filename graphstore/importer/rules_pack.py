"""`import_rules`: a YAML rules pack (data/rules/battletech.yaml) as relationships and limits.

conflicts → CONFLICTS_WITH between every pair of listed items (from the smaller id to the
larger, so each pair has one relationship) or from an item to a category; requires →
REQUIRES to an item or a category; limits → max_per_unit / max_per_location. Categories are
named by path (`electronics/ecm`), as catalogs lay them out. Everything is written through
the store (its claims, audit and versions); a rule the graph already holds as written is not
written again, so importing the pack again changes nothing.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, PositiveInt, ValidationError, model_validator

from graphstore.errors import ImportSourceError
from graphstore.graph import Graph
from graphstore.importer.ids import category_id
from graphstore.store import GraphStore, RuleKind
from graphstore.store.construction import ConstructionTables

DEFAULT_RULES_FILE = Path("data") / "rules" / "battletech.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ConflictRule(_Strict):
    items: list[str] = Field(min_length=1)
    category: str | None = None
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _pair_or_category(self) -> ConflictRule:
        if self.category is None and len(self.items) < 2:
            raise ValueError("a conflict needs two or more items, or an item and a category")
        return self


class RequiresRule(_Strict):
    item: str
    needs: str | None = None
    category: str | None = None
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one_target(self) -> RequiresRule:
        if (self.needs is None) == (self.category is None):
            raise ValueError("a requirement names exactly one of `needs` (an item) or `category`")
        return self


class LimitRule(_Strict):
    item: str
    max_per_unit: PositiveInt | None = None
    max_per_location: PositiveInt | None = None
    reason: str = Field(min_length=1)


class RulesPack(_Strict):
    version: int = 1
    conflicts: list[ConflictRule] = Field(default_factory=list)
    requires: list[RequiresRule] = Field(default_factory=list)
    limits: list[LimitRule] = Field(default_factory=list)
    construction: ConstructionTables | None = None


class RulesImportReport(BaseModel):
    """What a rules pack import wrote, and the ids it could not find in the graph."""

    conflicts: int = 0
    requires: int = 0
    limits: int = 0
    missing_equipment: list[str] = Field(default_factory=list)
    missing_categories: list[str] = Field(default_factory=list)
    duration_s: float = 0.0


def read_rules_pack(path: Path | str) -> RulesPack:
    source = Path(path)
    try:
        document = yaml.safe_load(source.read_text(encoding="utf-8"))
    except OSError as error:
        raise ImportSourceError(f"cannot read the rules file {source}: {error}") from error
    except yaml.YAMLError as error:
        raise ImportSourceError(f"{source} is not valid YAML: {error}") from error
    try:
        return RulesPack.model_validate(document)
    except ValidationError as error:
        raise ImportSourceError(f"{source} is not a valid rules pack:\n{error}") from error


def import_rules(graph: Graph, path: Path | str, *, actor: str = "import") -> RulesImportReport:
    """Loads a rules pack; rules naming ids the graph lacks are reported and skipped."""
    started = time.perf_counter()
    pack = read_rules_pack(path)
    store = GraphStore(graph, actor=actor, source="importer", note=Path(path).name)
    wanted_items = {i for rule in pack.conflicts for i in rule.items}
    wanted_items |= {rule.item for rule in pack.requires}
    wanted_items |= {rule.needs for rule in pack.requires if rule.needs}
    wanted_items |= {rule.item for rule in pack.limits}
    paths = {c.category for c in pack.conflicts if c.category}
    paths |= {r.category for r in pack.requires if r.category}
    items = {
        item_id
        for item_id, props in store.equipment.existing(wanted_items).items()
        if props.get("deleted_at") is None
    }
    categories = {
        p
        for p in paths
        if (found := store.categories.existing([category_id(p)]).get(category_id(p)))
        and found.get("deleted_at") is None
    }

    edges: dict[tuple[str, RuleKind, str], str] = {}  # (item, kind, target id) -> reason
    for conflict in pack.conflicts:
        present = sorted({i for i in conflict.items if i in items})
        if conflict.category is not None:
            if conflict.category in categories:
                for item in present:
                    key = (item, RuleKind.CONFLICTS_WITH, category_id(conflict.category))
                    edges[key] = conflict.reason
        else:
            for first, second in itertools.combinations(present, 2):
                edges[(first, RuleKind.CONFLICTS_WITH, second)] = conflict.reason
    for requirement in pack.requires:
        if requirement.item not in items:
            continue
        if requirement.needs is not None and requirement.needs in items:
            edges[(requirement.item, RuleKind.REQUIRES, requirement.needs)] = requirement.reason
        if requirement.category is not None and requirement.category in categories:
            target = category_id(requirement.category)
            edges[(requirement.item, RuleKind.REQUIRES, target)] = requirement.reason
    limits: dict[str, dict[str, int | None]] = {}
    for limit in pack.limits:
        if limit.item in items:
            entry = limits.setdefault(limit.item, {"max_per_unit": None, "max_per_location": None})
            if limit.max_per_unit is not None:
                entry["max_per_unit"] = limit.max_per_unit
            if limit.max_per_location is not None:
                entry["max_per_location"] = limit.max_per_location

    for (item, kind, target), reason in sorted(edges.items()):
        held = {(r.kind, r.target_id): r.reason for r in store.equipment.rules(item)}
        if held.get((kind, target)) != reason:
            store.equipment.add_rule(item, kind, target, reason)
    current = store.equipment.existing(limits)
    for item, wanted in sorted(limits.items()):
        if {key: current[item].get(key) for key in wanted} != wanted:
            store.equipment.update(item, wanted)
    kinds = [kind for _, kind, _ in edges]
    return RulesImportReport(
        conflicts=kinds.count(RuleKind.CONFLICTS_WITH),
        requires=kinds.count(RuleKind.REQUIRES),
        limits=len(limits),
        missing_equipment=sorted(wanted_items - items),
        missing_categories=sorted(paths - categories),
        duration_s=round(time.perf_counter() - started, 3),
    )
