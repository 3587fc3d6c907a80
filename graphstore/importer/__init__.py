"""Importing real data: megamek-web JSON, the rules pack and the demo data set."""

from __future__ import annotations

from graphstore.importer.graph_hash import graph_hash
from graphstore.importer.megamek import import_megamek
from graphstore.importer.report import ImportReport

__all__ = ["ImportReport", "graph_hash", "import_megamek"]
