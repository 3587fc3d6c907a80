"""Search over the catalog and units: facets, autocomplete, the category tree, statistics.

Each is one named query; the store's list functions do filtered, sorted, paged lists. The
lookups over the catalog alone come from graphstore.search.cache while the catalog is
unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphstore.graph import SINGLE_TENANT, Graph
from graphstore.readmodel import read_model
from graphstore.readmodel.units import unit_groups
from graphstore.search.cache import catalog_read
from graphstore.search.models import (
    CategoryNode,
    EquipmentFacets,
    FacetCount,
    Suggestion,
    UnitGroup,
    UnitGroupStats,
)
from graphstore.store.enums import ERA_START_YEAR
from graphstore.store.listing import EquipmentFilter, UnitFilter

AUTOCOMPLETE_MAX = 50


def _facet(rows: list[dict[str, Any]]) -> list[FacetCount]:
    counts = [FacetCount(value=str(r["facet"]["value"]), count=r["facet"]["count"]) for r in rows]
    return sorted(counts, key=lambda f: (-f.count, f.value))


def _unwrap(rows: list[Any]) -> list[dict[str, Any]]:
    """COLLECT {} returns the maps themselves, or rows holding them; accept both."""
    return [r if isinstance(r, dict) and "facet" in r else {"facet": r} for r in rows]


def equipment_facets(graph: Graph, filters: EquipmentFilter | None = None) -> EquipmentFacets:
    """Counts per category, tech base, rules level and era for the equipment `filters` match."""
    era_starts = [{"era": era.value, "start": year} for era, year in ERA_START_YEAR.items()]
    params = (filters or EquipmentFilter()).parameters()
    row = catalog_read(graph, "search/equipment_facets", era_starts=era_starts, **params)[0]
    return EquipmentFacets(
        total=row["total"],
        **{
            facet: _facet(_unwrap(row[facet]))
            for facet in ("category", "tech_base", "rules_level", "era")
        },
    )


def autocomplete(graph: Graph, q: str, limit: int = 10) -> list[Suggestion]:
    """Equipment names matching every word of `q`, prefix matches first."""
    text = " ".join(q.lower().split())
    if not text:
        return []
    tokens = text.split(" ")
    rows = catalog_read(
        graph,
        "search/equipment_autocomplete",
        q=text,
        tokens=tokens,
        word_prefix=" " + tokens[0],
        limit=max(1, min(limit, AUTOCOMPLETE_MAX)),
    )
    return [Suggestion(id=r["id"], name=r["name"], tech_base=r["tech_base"]) for r in rows]


def category_tree(graph: Graph) -> list[CategoryNode]:
    """The category hierarchy, roots first, each node with direct and total member counts."""
    rows = catalog_read(graph, "search/category_tree")
    nodes = {
        r["id"]: CategoryNode(
            id=r["id"],
            name=r["name"],
            path=r["path"],
            direct_count=r["direct_count"],
            total_count=r["total_count"],
        )
        for r in rows
    }
    children: dict[str | None, list[CategoryNode]] = defaultdict(list)
    for r in rows:
        parent = r["parent_id"] if r["parent_id"] in nodes else None
        children[parent].append(nodes[r["id"]])
    for node_id, node in nodes.items():
        node.children = children.get(node_id, [])
    return children.get(None, [])


def unit_stats(
    graph: Graph, group_by: UnitGroup, filters: UnitFilter | None = None
) -> list[UnitGroupStats]:
    """Count, and min/avg/max of tonnage and battle value, per era, tech base or rules level,
    from the read model (graphstore.readmodel)."""
    params = (filters or UnitFilter()).parameters()
    tenancy = getattr(graph, "tenancy", SINGLE_TENANT)
    rows = unit_groups(read_model(graph), tenancy, group_by, params)
    return [UnitGroupStats(**row) for row in rows]


def unit_stats_from_graph(
    graph: Graph, group_by: UnitGroup, filters: UnitFilter | None = None
) -> list[UnitGroupStats]:
    """unit_stats as the graph's own Cypher computes it, reading every unit: the reference
    the read model is compared with."""
    if group_by not in ("era", "tech_base", "rules_level"):
        raise ValueError(f"cannot group units by {group_by!r}")
    params = (filters or UnitFilter()).parameters()
    rows = graph.read("reference/unit_stats", group_by=group_by, **params)
    return [UnitGroupStats(**row) for row in rows]
