"""neomodel classes mirroring docs/model.md: the same labels, properties and relationship types.

tests/test_schema_consistency.py fails if these drift from the migrations or the store models.
"""

from __future__ import annotations

from neomodel import (
    ArrayProperty,
    BooleanProperty,
    DateTimeNeo4jFormatProperty,
    FloatProperty,
    IntegerProperty,
    RelationshipFrom,
    RelationshipTo,
    StringProperty,
)

from graphstore.ogm.base import AnyProperty, ReadOnlyNode, ReadOnlyRel, ReadOnlyRelationships


class Stamped(ReadOnlyNode):
    __abstract_node__ = True

    # neomodel reserves the attribute name `id`; the database property is still `id`, and
    # `Model.nodes.get(id=...)` works (see IdNodeSet).
    uid = StringProperty(db_property="id", unique_index=True, required=True)
    version = IntegerProperty()
    created_at = DateTimeNeo4jFormatProperty()
    updated_at = DateTimeNeo4jFormatProperty()
    deleted_at = DateTimeNeo4jFormatProperty()
    imported_from = StringProperty()
    tenant = StringProperty()  # the owning tenant; none for the shared catalog


class Mount(ReadOnlyRel):
    """(:Loadout)-[:MOUNTS]->(:Equipment): one mounted item."""

    mount_id = StringProperty(index=True)
    location = StringProperty()
    slot = IntegerProperty()
    rear = BooleanProperty()
    quantity = IntegerProperty()


class RuleRelation(ReadOnlyRel):
    """CONFLICTS_WITH and REQUIRES carry the reason the rule exists."""

    reason = StringProperty()


class Link(ReadOnlyRel):
    """A relationship without properties (HAS_LOADOUT, IN_CATEGORY, ...); traverse() needs a
    class for every relationship type it returns."""


class Location(ReadOnlyNode):
    store_api = "GraphStore.units"

    uid = StringProperty(db_property="id", unique_index=True, required=True)
    unit_id = StringProperty()
    code = StringProperty()
    crit_slots = IntegerProperty()
    fixed_slots = IntegerProperty()
    fixed = ArrayProperty(StringProperty())

    unit = RelationshipFrom("Unit", "HAS_LOCATION", model=Link, cardinality=ReadOnlyRelationships)


class Unit(Stamped):
    store_api = "GraphStore.units"

    chassis = StringProperty()
    model = StringProperty()
    name = StringProperty()
    search_name = StringProperty(index=True)
    unit_type = StringProperty(index=True)
    configuration = StringProperty()
    tech_base = StringProperty(index=True)
    rules_level = StringProperty(index=True)
    era = StringProperty(index=True)
    year = IntegerProperty(index=True)
    tonnage = FloatProperty(index=True)
    free_tonnage = FloatProperty()
    heat_dissipation = IntegerProperty()
    battle_value = IntegerProperty(index=True)
    engine_type = StringProperty()
    engine_rating = IntegerProperty()
    walk_mp = IntegerProperty()
    jump_mp = IntegerProperty()
    heat_sink_type = StringProperty()
    heat_sink_count = IntegerProperty()
    gyro_type = StringProperty()
    cockpit_type = StringProperty()
    structure_type = StringProperty()
    armor_type = StringProperty()
    armor_points = IntegerProperty()
    role = StringProperty()
    source = StringProperty()
    mul_id = IntegerProperty()
    content_hash = StringProperty()
    copied_from = StringProperty()
    extra = StringProperty()  # JSON text: the tenant's extension values (docs/tenants.md)

    locations = RelationshipTo(
        Location, "HAS_LOCATION", model=Link, cardinality=ReadOnlyRelationships
    )
    loadouts = RelationshipTo(
        "Loadout", "HAS_LOADOUT", model=Link, cardinality=ReadOnlyRelationships
    )


class Category(Stamped):
    store_api = "GraphStore.categories"

    name = StringProperty()
    path = StringProperty()

    parent = RelationshipTo(
        "Category", "SUBCATEGORY_OF", model=Link, cardinality=ReadOnlyRelationships
    )
    children = RelationshipFrom(
        "Category", "SUBCATEGORY_OF", model=Link, cardinality=ReadOnlyRelationships
    )
    members = RelationshipFrom(
        "Equipment", "IN_CATEGORY", model=Link, cardinality=ReadOnlyRelationships
    )


class Equipment(Stamped):
    store_api = "GraphStore.equipment"

    name = StringProperty()
    search_name = StringProperty(index=True)
    tech_base = StringProperty(index=True)
    rules_level = StringProperty(index=True)
    intro_year = IntegerProperty(index=True)
    tonnage = FloatProperty(index=True)
    crit_slots = IntegerProperty()
    heat = FloatProperty()
    damage = AnyProperty()
    battle_value = IntegerProperty(index=True)
    cost = FloatProperty()
    heat_dissipation = IntegerProperty()
    allowed_locations = ArrayProperty(StringProperty())
    requires_hand = BooleanProperty()
    requires_lower_arm = BooleanProperty()
    max_per_location = IntegerProperty()
    max_per_unit = IntegerProperty()
    is_weapon = BooleanProperty()
    source_file = StringProperty()
    content_hash = StringProperty()

    categories = RelationshipTo(
        Category, "IN_CATEGORY", model=Link, cardinality=ReadOnlyRelationships
    )
    conflicts_with = RelationshipTo(
        "Equipment", "CONFLICTS_WITH", model=RuleRelation, cardinality=ReadOnlyRelationships
    )
    conflicts_with_categories = RelationshipTo(
        Category, "CONFLICTS_WITH", model=RuleRelation, cardinality=ReadOnlyRelationships
    )
    requires = RelationshipTo(
        "Equipment", "REQUIRES", model=RuleRelation, cardinality=ReadOnlyRelationships
    )
    requires_categories = RelationshipTo(
        Category, "REQUIRES", model=RuleRelation, cardinality=ReadOnlyRelationships
    )
    mounted_in = RelationshipFrom(
        "Loadout", "MOUNTS", model=Mount, cardinality=ReadOnlyRelationships
    )


class Loadout(Stamped):
    store_api = "GraphStore.loadouts"

    name = StringProperty()
    unit_id = StringProperty(index=True)
    is_stock = BooleanProperty()
    notes = StringProperty()

    unit = RelationshipFrom(Unit, "HAS_LOADOUT", model=Link, cardinality=ReadOnlyRelationships)
    mounts = RelationshipTo(Equipment, "MOUNTS", model=Mount, cardinality=ReadOnlyRelationships)
    derived_from = RelationshipTo(
        "Loadout", "DERIVED_FROM", model=Link, cardinality=ReadOnlyRelationships
    )


OGM_CLASSES: tuple[type[ReadOnlyNode], ...] = (Unit, Location, Equipment, Category, Loadout)
