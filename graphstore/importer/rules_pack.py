"""`import_rules`: a YAML rules pack (data/rules/battletech.yaml) as relationships and limits.

conflicts → CONFLICTS_WITH between every pair of listed items (from the smaller id to the
larger, so each pair has one relationship) or from an item to a category; requires →
REQUIRES to an item or a category; limits → max_per_unit / max_per_location. Every write is
a MERGE or a compare-and-set, so importing the pack again changes nothing.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import yaml
from neo4j import ManagedTransaction
from pydantic import BaseModel, ConfigDict, Field, PositiveInt, ValidationError, model_validator

from graphstore.errors import ImportSourceError
from graphstore.graph import Graph, run_named

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


def _existing(graph: Graph, query: str, ids: set[str]) -> set[str]:
    return {row["id"] for row in graph.read(query, ids=sorted(ids))}


def import_rules(graph: Graph, path: Path | str) -> RulesImportReport:
    """Loads a rules pack; rules naming ids the graph lacks are reported and skipped."""
    started = time.perf_counter()
    pack = read_rules_pack(path)
    wanted_items = {i for rule in pack.conflicts for i in rule.items}
    wanted_items |= {rule.item for rule in pack.requires}
    wanted_items |= {rule.needs for rule in pack.requires if rule.needs}
    wanted_items |= {rule.item for rule in pack.limits}
    wanted_categories = {c.category for c in pack.conflicts if c.category}
    wanted_categories |= {r.category for r in pack.requires if r.category}
    items = _existing(graph, "importer/rules_existing_equipment", wanted_items)
    categories = _existing(graph, "importer/rules_existing_categories", wanted_categories)

    conflict_items: dict[tuple[str, str], str] = {}
    conflict_categories: dict[tuple[str, str], str] = {}
    for conflict in pack.conflicts:
        present = sorted({i for i in conflict.items if i in items})
        if conflict.category is not None:
            if conflict.category in categories:
                for item in present:
                    conflict_categories[(item, conflict.category)] = conflict.reason
        else:
            for first, second in itertools.combinations(present, 2):
                conflict_items[(first, second)] = conflict.reason
    requires_items: dict[tuple[str, str], str] = {}
    requires_categories: dict[tuple[str, str], str] = {}
    for requirement in pack.requires:
        if requirement.item not in items:
            continue
        if requirement.needs is not None and requirement.needs in items:
            requires_items[(requirement.item, requirement.needs)] = requirement.reason
        if requirement.category is not None and requirement.category in categories:
            requires_categories[(requirement.item, requirement.category)] = requirement.reason
    limits: dict[str, dict[str, int | None]] = {}
    for limit in pack.limits:
        if limit.item in items:
            entry = limits.setdefault(limit.item, {"max_per_unit": None, "max_per_location": None})
            if limit.max_per_unit is not None:
                entry["max_per_unit"] = limit.max_per_unit
            if limit.max_per_location is not None:
                entry["max_per_location"] = limit.max_per_location

    def rows(pairs: dict[tuple[str, str], str]) -> list[dict[str, str]]:
        return [{"from_id": a, "to_id": b, "reason": r} for (a, b), r in sorted(pairs.items())]

    def work(tx: ManagedTransaction) -> None:
        run_named(tx, "importer/rules_conflicts_equipment", rows=rows(conflict_items))
        run_named(tx, "importer/rules_conflicts_category", rows=rows(conflict_categories))
        run_named(tx, "importer/rules_requires_equipment", rows=rows(requires_items))
        run_named(tx, "importer/rules_requires_category", rows=rows(requires_categories))
        run_named(
            tx,
            "importer/rules_limits",
            rows=[{"id": item, **limit} for item, limit in sorted(limits.items())],
        )

    graph.write_transaction(work)
    return RulesImportReport(
        conflicts=len(conflict_items) + len(conflict_categories),
        requires=len(requires_items) + len(requires_categories),
        limits=len(limits),
        missing_equipment=sorted(wanted_items - items),
        missing_categories=sorted(wanted_categories - categories),
        duration_s=round(time.perf_counter() - started, 3),
    )
