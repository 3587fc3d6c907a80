"""The explorer: read-only Cypher with its graph, saved queries, loadout pictures, a guide."""

from graphstore.explore.guide import guide_html
from graphstore.explore.picture import loadout_svg
from graphstore.explore.readonly import refusal
from graphstore.explore.run import (
    ExploreGraph,
    ExploreQuery,
    ExploreResult,
    GraphSchema,
    graph_schema,
    run_read_only,
)
from graphstore.explore.saved import SavedQuery, saved_queries

__all__ = [
    "ExploreGraph",
    "ExploreQuery",
    "ExploreResult",
    "GraphSchema",
    "SavedQuery",
    "graph_schema",
    "guide_html",
    "loadout_svg",
    "refusal",
    "run_read_only",
    "saved_queries",
]
