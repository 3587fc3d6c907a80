"""Importing real data: megamek-web JSON, the rules pack and the demo data set."""

from __future__ import annotations

from graphstore.importer.demo import DemoLoad, DemoTour, demo_tour, load_demo
from graphstore.importer.graph_hash import graph_hash
from graphstore.importer.megamek import import_megamek
from graphstore.importer.report import ImportReport
from graphstore.importer.rules_pack import RulesImportReport, RulesPack, import_rules

__all__ = [
    "DemoLoad",
    "DemoTour",
    "ImportReport",
    "RulesImportReport",
    "RulesPack",
    "demo_tour",
    "graph_hash",
    "import_megamek",
    "import_rules",
    "load_demo",
]
