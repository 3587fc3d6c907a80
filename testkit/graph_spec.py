"""A small in-memory description of a graph (units, catalog, rules, loadouts, overrides) and a
builder that writes it to the test graph. The reference implementation reads the same spec.

Inline Cypher is fine here: this is test code, not the product.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from graphstore import Graph

CODES = ("HEAD", "CENTER_TORSO", "LEFT_ARM", "RIGHT_ARM", "LEFT_LEG")


@dataclass
class LocationSpec:
    code: str
    crit_slots: int | None = 12
    fixed_slots: int | None = 0


@dataclass
class UnitSpec:
    id: str
    tech_base: str | None = "INNER_SPHERE"
    rules_level: str | None = "STANDARD"
    year: int | None = 3050
    tonnage: float | None = 50
    free_tonnage: float | None = 20
    heat_dissipation: int | None = 10
    heat_sink_count: int | None = None
    heat_sink_type: str | None = None
    locations: list[LocationSpec] = field(
        default_factory=lambda: [LocationSpec(code) for code in ("LEFT_ARM", "RIGHT_ARM")]
    )
    deleted: bool = False


@dataclass
class EquipmentSpec:
    id: str
    name: str | None = None
    tech_base: str | None = "INNER_SPHERE"
    rules_level: str | None = "STANDARD"
    intro_year: int | None = 3000
    tonnage: float | None = 1
    crit_slots: int | None = 1
    heat: int | None = 0
    heat_dissipation: int | None = None
    is_weapon: bool | None = False
    allowed_locations: list[str] | None = None
    max_per_location: int | None = None
    max_per_unit: int | None = None
    categories: list[str] = field(default_factory=list)
    unresolved: bool = False
    deleted: bool = False

    def properties(self) -> dict[str, Any]:
        if self.unresolved:
            return {
                "id": self.id,
                "name": self.name,
                "original_id": self.id.removeprefix("unresolved:"),
                "candidates": ["cand-b", "cand-a"],
            }
        skip = {"categories", "unresolved", "deleted"}
        return {k: v for k, v in vars(self).items() if k not in skip}


@dataclass
class CategorySpec:
    id: str
    parent: str | None = None


@dataclass
class MountSpec:
    equipment_id: str
    location: str
    quantity: int = 1
    rear: bool = False


@dataclass
class LoadoutSpec:
    id: str
    unit_id: str
    mounts: list[MountSpec] = field(default_factory=list)
    deleted: bool = False
    is_stock: bool = True


@dataclass
class OverrideSpec:
    id: str
    holder_kind: Literal["Loadout", "Unit"]
    holder_id: str
    rule: str
    equipment_id: str | None = None


@dataclass
class GraphSpec:
    units: list[UnitSpec] = field(default_factory=list)
    equipment: list[EquipmentSpec] = field(default_factory=list)
    categories: list[CategorySpec] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    """(equipment id, equipment or category id); category ids start with 'cat'."""
    requires: list[tuple[str, str]] = field(default_factory=list)
    loadouts: list[LoadoutSpec] = field(default_factory=list)
    overrides: list[OverrideSpec] = field(default_factory=list)

    def unit(self, unit_id: str) -> UnitSpec:
        return next(u for u in self.units if u.id == unit_id)

    def item(self, equipment_id: str) -> EquipmentSpec:
        return next(e for e in self.equipment if e.id == equipment_id)

    def loadout(self, loadout_id: str) -> LoadoutSpec:
        return next(lo for lo in self.loadouts if lo.id == loadout_id)


def is_category(node_id: str) -> bool:
    return node_id.startswith("cat")


def _run(graph: Graph, statement: str, **parameters: Any) -> None:
    graph.driver.execute_query(statement, parameters, database_=graph.database)


def clear_domain(graph: Graph) -> None:
    """Deletes every node except the migration history, so connect() still sees the schema."""
    _run(graph, "MATCH (n) WHERE NOT n:__Migration AND NOT n:__MigrationLock DETACH DELETE n")


def build(graph: Graph, spec: GraphSpec) -> None:
    """Writes the spec to the (empty, migrated) graph."""
    _run(
        graph,
        "UNWIND $rows AS row CREATE (u:Unit) SET u = row.props "
        "WITH u, row WHERE row.deleted SET u.deleted_at = datetime()",
        rows=[
            {
                "props": {k: v for k, v in vars(u).items() if k not in ("locations", "deleted")},
                "deleted": u.deleted,
            }
            for u in spec.units
        ],
    )
    _run(
        graph,
        "UNWIND $rows AS row MATCH (u:Unit {id: row.unit_id}) "
        "CREATE (u)-[:HAS_LOCATION]->(l:Location) SET l = row.props",
        rows=[
            {
                "unit_id": u.id,
                "props": {
                    "id": f"{u.id}/{loc.code}",
                    "unit_id": u.id,
                    "code": loc.code,
                    "crit_slots": loc.crit_slots,
                    "fixed_slots": loc.fixed_slots,
                },
            }
            for u in spec.units
            for loc in u.locations
        ],
    )
    _run(
        graph,
        "UNWIND $rows AS row CREATE (c:Category) SET c.id = row.id, c.name = row.id, "
        "c.path = row.id",
        rows=[{"id": c.id} for c in spec.categories],
    )
    _run(
        graph,
        "UNWIND $rows AS row MATCH (c:Category {id: row.id}) MATCH (p:Category {id: row.parent}) "
        "CREATE (c)-[:SUBCATEGORY_OF]->(p)",
        rows=[{"id": c.id, "parent": c.parent} for c in spec.categories if c.parent],
    )
    resolved = [e for e in spec.equipment if not e.unresolved]
    _run(
        graph,
        "UNWIND $rows AS row CREATE (e:Equipment) SET e = row.props "
        "WITH e, row WHERE row.deleted SET e.deleted_at = datetime()",
        rows=[{"props": e.properties(), "deleted": e.deleted} for e in resolved],
    )
    _run(
        graph,
        "UNWIND $rows AS row CREATE (e:Equipment:Unresolved) SET e = row",
        rows=[e.properties() for e in spec.equipment if e.unresolved],
    )
    _run(
        graph,
        "UNWIND $rows AS row MATCH (e:Equipment {id: row.e}) MATCH (c:Category {id: row.c}) "
        "CREATE (e)-[:IN_CATEGORY]->(c)",
        rows=[{"e": e.id, "c": c} for e in spec.equipment for c in e.categories],
    )
    for relation, pairs in (("CONFLICTS_WITH", spec.conflicts), ("REQUIRES", spec.requires)):
        for target_label, wanted in (("Category", True), ("Equipment", False)):
            _run(
                graph,
                "UNWIND $rows AS row MATCH (e:Equipment {id: row.a}) "
                f"MATCH (t:{target_label} {{id: row.b}}) "
                f"CREATE (e)-[:{relation} {{reason: 'test'}}]->(t)",
                rows=[{"a": a, "b": b} for a, b in pairs if is_category(b) == wanted],
            )
    _run(
        graph,
        "UNWIND $rows AS row MATCH (u:Unit {id: row.unit_id}) "
        "CREATE (u)-[:HAS_LOADOUT]->(l:Loadout) SET l.id = row.id, l.unit_id = row.unit_id, "
        "l.name = row.id, l.is_stock = row.is_stock "
        "WITH l, row WHERE row.deleted SET l.deleted_at = datetime()",
        rows=[
            {"id": lo.id, "unit_id": lo.unit_id, "is_stock": lo.is_stock, "deleted": lo.deleted}
            for lo in spec.loadouts
        ],
    )
    _run(
        graph,
        "UNWIND $rows AS row MATCH (l:Loadout {id: row.loadout_id}) "
        "MATCH (e:Equipment {id: row.equipment_id}) "
        "CREATE (l)-[:MOUNTS {mount_id: row.mount_id, location: row.location, slot: null, "
        "rear: row.rear, quantity: row.quantity}]->(e)",
        rows=[
            {
                "loadout_id": lo.id,
                "equipment_id": m.equipment_id,
                "mount_id": f"{lo.id}#{index}",
                "location": m.location,
                "rear": m.rear,
                "quantity": m.quantity,
            }
            for lo in spec.loadouts
            for index, m in enumerate(lo.mounts)
        ],
    )
    for kind in ("Loadout", "Unit"):
        _run(
            graph,
            f"UNWIND $rows AS row MATCH (h:{kind} {{id: row.holder_id}}) "
            "CREATE (h)-[:HAS_OVERRIDE]->(v:AcceptedViolation) SET v.id = row.id, "
            "v.rule = row.rule, v.equipment_id = row.equipment_id, v.reason = 'canon', "
            "v.accepted_by = 'tester', v.accepted_at = datetime()",
            rows=[
                {
                    "id": o.id,
                    "holder_id": o.holder_id,
                    "rule": o.rule,
                    "equipment_id": o.equipment_id,
                }
                for o in spec.overrides
                if o.holder_kind == kind
            ],
        )
