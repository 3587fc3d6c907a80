"""Truthful validation on the real corpus (../shared/corpus, 800 published 'Mechs).

Published designs are legal by construction. After the import (with the rules pack):
- at most 5% of stock designs keep an open error with cause "design", and the ones that do
  are exactly those listed, with the reason, in fixtures/corpus_design_errors.json;
- the structure (tonnage - free tonnage) plus the mounted items weigh at most the tonnage
  for at least 95% of designs, and the rest are listed there too.

Mutation test: 200 stock designs each get one planted breach (an item of the other tech base
with no same-name counterpart, an item introduced after the unit's year, items over the
tonnage, an item over a location's slots, a conflicting pair, an item without its
prerequisite). Every one must be flagged as a design error by the right rule.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graphstore import Graph, GraphStore, RulesEngine, import_megamek
from graphstore.importer.catalog import read_catalog
from graphstore.importer.report import ImportReport
from graphstore.importer.resolution import CatalogEntry, Resolver, for_mechs
from graphstore.importer.rules_pack import import_rules
from graphstore.resources import rules_pack_path
from graphstore.rules.models import LoadoutValidation
from graphstore.store.listing import MAX_PAGE_SIZE
from tests.importer.conftest import reset

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "corpus_design_errors.json").read_text())
MUTANTS = 200
MOST_DESIGN_ERRORS = 0.05
LEAST_WITHIN_TONNAGE = 0.95


@dataclass
class Corpus:
    graph: Graph
    report: ImportReport
    results: list[LoadoutValidation]
    units: dict[str, dict[str, Any]]
    items: dict[str, dict[str, Any]]
    resolver: Resolver


def _every(lister: Callable[..., Any]) -> list[Any]:
    found: list[Any] = []
    cursor = None
    while True:
        page = lister(page_size=MAX_PAGE_SIZE, cursor=cursor)
        found += page.items
        cursor = page.next_cursor
        if cursor is None:
            return found


@pytest.fixture(scope="module")
def imported(session_graph: Graph, corpus: Path) -> Corpus:
    graph = reset(session_graph)
    report = import_megamek(graph, corpus)
    import_rules(graph, rules_pack_path())
    results = list(RulesEngine(graph).validate_all())
    store = GraphStore(graph)
    units = {u.id: u.model_dump() for u in _every(store.list_units)}
    items = {i.id: i.model_dump() for i in _every(store.list_equipment)}
    catalog = read_catalog(corpus, ImportReport())
    resolver = Resolver(
        {i.id: CatalogEntry(i.name, i.tech_base, i.crit_slots) for i in catalog.items.values()},
        catalog.mappings,
    )
    return Corpus(graph, report, results, units, items, resolver)


def test_few_published_designs_keep_a_design_error_and_each_is_explained(
    imported: Corpus,
) -> None:
    with_design_error = {
        r.loadout_id: sorted({v.rule for v in r.design_errors})
        for r in imported.results
        if r.design_errors
    }
    assert len(imported.results) == 800
    assert len(with_design_error) <= MOST_DESIGN_ERRORS * len(imported.results)
    listed = {key: entry["rules"] for key, entry in FIXTURE["design_errors"].items()}
    assert with_design_error == listed


def test_every_source_data_violation_says_what_the_source_got_wrong(imported: Corpus) -> None:
    source_data = [v for r in imported.results for v in r.violations if v.cause == "source_data"]
    assert source_data, "the corpus has known source-data problems"
    assert all(v.source_note for v in source_data)
    assert {v.rule for v in source_data} >= {"tech_base", "rules_level", "slot_budget"}


def test_the_import_report_counts_corrections_by_kind(imported: Corpus) -> None:
    corrections = imported.report.corrections
    assert {"slot_name", "unit_tech_base", "gyro_from_layout"} <= set(corrections)
    for entry in corrections.values():
        assert entry.count >= len(entry.examples) > 0


def test_structure_and_items_fit_the_tonnage_of_nearly_every_design(imported: Corpus) -> None:
    over: set[str] = set()
    for result in imported.results:
        for violation in result.violations:
            if violation.rule == "tonnage_budget":
                assert violation.proof["basis"] == "free_tonnage"
                over.add(result.loadout_id.removesuffix(".stock"))
    assert all(u["free_tonnage"] is not None for u in imported.units.values())
    assert len(imported.units) - len(over) >= LEAST_WITHIN_TONNAGE * len(imported.units)
    assert over == set(FIXTURE["over_tonnage"])


# ---- mutation test -----------------------------------------------------------------------

KINDS = ("tech_base", "intro_year", "tonnage_budget", "slot_budget", "conflict", "prerequisite")


def _other_tech_item(corpus: Corpus, unit: dict[str, Any]) -> str | None:
    """An item of the other tech base with no same-name item of the unit's tech base."""
    for item_id, item in sorted(corpus.items.items()):
        if (
            item["tech_base"] in ("INNER_SPHERE", "CLAN")
            and unit["tech_base"] in ("INNER_SPHERE", "CLAN")
            and item["tech_base"] != unit["tech_base"]
            and item_id in corpus.resolver.items
            and for_mechs(item_id, corpus.resolver.items[item_id])
            and not any(
                corpus.items.get(other, {}).get("tech_base") == unit["tech_base"]
                for other in corpus.resolver.family(item_id)
            )
        ):
            return item_id
    return None


def _later_item(corpus: Corpus, unit: dict[str, Any]) -> str | None:
    later = [
        (item["intro_year"], item_id)
        for item_id, item in corpus.items.items()
        if item.get("intro_year") and item["intro_year"] > unit["year"]
    ]
    return min(later)[1] if later else None


def _plant(
    corpus: Corpus, kind: str, loadout_id: str, unit: dict[str, Any]
) -> tuple[str, str | None] | None:
    """Plants one breach of `kind`; returns (the rule, the equipment or location it names)."""
    store = GraphStore(corpus.graph, actor="mutation")

    def mount(item_id: str, location: str = "CENTER_TORSO") -> None:
        store.loadouts.add_mount(loadout_id, {"equipment_id": item_id, "location": location})

    if kind == "tech_base":
        item = _other_tech_item(corpus, unit)
        if item is None:
            return None
        mount(item)
        return "tech_base", item
    if kind == "intro_year":
        item = _later_item(corpus, unit)
        if item is None:
            return None
        mount(item)
        return "intro_year", item
    if kind == "tonnage_budget":
        heaviest = max(corpus.items.values(), key=lambda i: i.get("tonnage") or 0)
        for _ in range(math.floor(unit["free_tonnage"] / heaviest["tonnage"]) + 1):
            mount(heaviest["id"])
        return "tonnage_budget", None
    if kind == "slot_budget":
        big = next(i for i in corpus.items.values() if (i.get("crit_slots") or 0) >= 7)
        mount(big["id"], "HEAD")
        return "slot_budget", "HEAD"
    if kind == "conflict":
        mount("masc")
        mount("tsm")
        return "conflict", "masc"
    mount("stealth-armor")  # needs an ECM suite, which no mutated design is given
    return "missing_prerequisite", "stealth-armor"


def test_every_planted_breach_is_a_design_error_of_the_right_rule(imported: Corpus) -> None:
    rng = random.Random(19)
    clean = sorted(
        r.loadout_id
        for r in imported.results
        if not r.errors and not any(v.rule == "missing_prerequisite" for v in r.violations)
    )
    chosen = rng.sample(clean, MUTANTS)
    planted: dict[str, tuple[str, str | None]] = {}
    for index, loadout_id in enumerate(chosen):
        unit = imported.units[loadout_id.removesuffix(".stock")]
        kind = KINDS[index % len(KINDS)]
        found = _plant(imported, kind, loadout_id, unit)
        if found is None:  # this design has no such item to plant: use a conflict instead
            found = _plant(imported, "conflict", loadout_id, unit)
        assert found is not None
        planted[loadout_id] = found
    results = {r.loadout_id: r for r in RulesEngine(imported.graph).validate_many(chosen)}
    missed = []
    for loadout_id, (rule, target) in planted.items():
        flagged = [
            v
            for v in results[loadout_id].design_errors
            if v.rule == rule and target in (None, v.equipment_id, v.location)
        ]
        if not flagged:
            missed.append((loadout_id, rule, target))
    assert len(planted) == MUTANTS
    assert {rule for rule, _ in planted.values()} >= {
        "tech_base",
        "intro_year",
        "tonnage_budget",
        "slot_budget",
        "conflict",
        "missing_prerequisite",
    }
    assert missed == []
