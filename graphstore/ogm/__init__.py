"""The graph as Python objects (neomodel), read-only: navigate here, write through the store.

from graphstore.ogm import Unit, connect_ogm
connect_ogm()
Unit.nodes.get(id="archer-arc-2r").loadouts.all()
"""

from graphstore.ogm.base import ReadOnlyNode
from graphstore.ogm.connection import connect_ogm, use_graph
from graphstore.ogm.models import (
    OGM_CLASSES,
    Category,
    Equipment,
    Loadout,
    Location,
    Mount,
    RuleRelation,
    Unit,
)

__all__ = [
    "OGM_CLASSES",
    "Category",
    "Equipment",
    "Loadout",
    "Location",
    "Mount",
    "ReadOnlyNode",
    "RuleRelation",
    "Unit",
    "connect_ogm",
    "use_graph",
]
