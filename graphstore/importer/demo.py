"""The demo data set (data/demo, written for this repository) and its short tour.

`load_demo(graph)` imports data/demo and the rules pack when the graph does not hold the
demo yet (idempotent either way), so `make run` shows validation results at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphstore.graph import Graph
from graphstore.importer.megamek import import_megamek
from graphstore.importer.report import ImportReport
from graphstore.importer.rules_pack import RulesImportReport, import_rules
from graphstore.resources import resource_dir, rules_pack_path
from graphstore.rules import RulesEngine

TOUR_LOADOUT = "hunchback-hbk-4g-demo-conflict.stock"
TOUR_FITS_LOADOUT = "griffin-grf-1n.stock"
TOUR_FITS_LOCATION = "LEFT_TORSO"


def demo_path() -> Path:
    return resource_dir("data") / "demo"


def rules_path() -> Path:
    return rules_pack_path()


@dataclass
class DemoLoad:
    data: ImportReport
    rules: RulesImportReport


def load_demo(graph: Graph) -> DemoLoad:
    """Imports the demo data set and the rules pack. Unchanged files are not rewritten."""
    data = import_megamek(graph, demo_path())
    rules = import_rules(graph, rules_path())
    return DemoLoad(data, rules)


@dataclass
class DemoTour:
    counts: dict[str, int]
    loadout_id: str
    violations: list[dict[str, Any]]
    fits_loadout_id: str
    fits_location: str
    fits: list[dict[str, Any]] = field(default_factory=list)


def demo_tour(graph: Graph, *, limit: int = 8) -> DemoTour:
    """Counts, the violations of one planted loadout, and what fits one location (the rules
    engine's compatible_equipment, the heaviest hitters first)."""
    rules = RulesEngine(graph)
    violations = [
        {
            "rule": v.rule,
            "severity": str(v.severity),
            "location": v.location,
            "message": v.message,
        }
        for v in rules.validate(TOUR_LOADOUT).violations
    ]
    offered = rules.compatible_equipment(TOUR_FITS_LOADOUT, TOUR_FITS_LOCATION)
    items = {
        row["id"]: row
        for row in graph.read("importer/demo_items", ids=[c.equipment_id for c in offered])
    }
    fits = sorted(items.values(), key=lambda row: (-(row["battle_value"] or 0), row["id"]))
    return DemoTour(
        counts=graph.read("importer/demo_counts")[0],
        loadout_id=TOUR_LOADOUT,
        violations=violations,
        fits_loadout_id=TOUR_FITS_LOADOUT,
        fits_location=TOUR_FITS_LOCATION,
        fits=fits[:limit],
    )
