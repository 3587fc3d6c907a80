"""Search: faceted counts, autocomplete, the category tree and unit statistics."""

from graphstore.search.models import (
    CategoryNode,
    EquipmentFacets,
    FacetCount,
    Suggestion,
    UnitGroup,
    UnitGroupStats,
)
from graphstore.search.queries import autocomplete, category_tree, equipment_facets, unit_stats

__all__ = [
    "CategoryNode",
    "EquipmentFacets",
    "FacetCount",
    "Suggestion",
    "UnitGroup",
    "UnitGroupStats",
    "autocomplete",
    "category_tree",
    "equipment_facets",
    "unit_stats",
]
