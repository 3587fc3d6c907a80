"""Typed path parameters and request-body examples for the OpenAPI docs (/docs)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path

from graphstore.queries import load as load_query

UnitId = Annotated[str, Path(description="a unit id", examples=["hunchback-hbk-4g"])]
LoadoutId = Annotated[str, Path(description="a loadout id", examples=["hunchback-hbk-4g.stock"])]
EquipmentId = Annotated[str, Path(description="an equipment id", examples=["medium-laser"])]
MountId = Annotated[str, Path(description="a mount id from the loadout's mounts")]
CategoryId = Annotated[str, Path(description="a category id", examples=["weapons-energy"])]


def example(summary: str, value: Any) -> dict[str, dict[str, Any]]:
    return {"example": {"summary": summary, "value": value}}


def response_example(value: Any) -> dict[int | str, dict[str, Any]]:
    """A documented 200 response body, for routes that take no input to show an example of."""
    return {200: {"content": {"application/json": {"example": value}}}}


LIVENESS = response_example({"status": "ok", "database": "up"})
READINESS = response_example({"status": "ready", "schema_version": 3})
HEALTH = response_example(
    {
        "status": "ok",
        "engine": "arcadedb",
        "engine_version": "26.10.2",
        "server": "ArcadeDB (Bolt: Neo4j Kernel 5.26.0)",
        "database": "graphstore",
        "schema_version": 3,
        "nodes": 310,
        "counts": {"Unit": 15, "Equipment": 45, "Category": 19, "Loadout": 15},
    }
)
CATEGORIES = response_example(
    [
        {
            "id": "weapons",
            "name": "Weapons",
            "path": "weapons",
            "direct_count": 0,
            "total_count": 20,
            "children": [
                {"id": "weapons-energy", "name": "Energy", "path": "weapons/energy",
                 "direct_count": 8, "total_count": 8, "children": []},
            ],
        }
    ]
)  # fmt: skip
SCHEMA = response_example(
    {
        "schema_version": 3,
        "latest_version": 3,
        "up_to_date": True,
        "migrations": [
            {"key": "1", "version": 1, "description": "domain_constraints", "status": "applied"},
            {"key": "2", "version": 2, "description": "search_indexes", "status": "applied"},
            {
                "key": "3",
                "version": 3,
                "description": "url_safe_ids_and_provenance",
                "status": "applied",
            },
        ],
        "graph": {
            "labels": ["Equipment", "Loadout", "Unit"],
            "relationship_types": ["HAS_LOADOUT", "MOUNTS"],
            "property_keys": ["id", "location", "tonnage"],
        },
    }
)


_GUIDED = load_query("explore/conflicts_with")
SAVED = response_example(
    [
        {
            "name": _GUIDED.name,
            "description": _GUIDED.description,
            "text": _GUIDED.text,
            "parameters": _GUIDED.parameters,
            "example": {"equipment_id": "masc"},
            "guided": True,
        }
    ]
)


NEW_UNIT = example(
    "a 50-ton Inner Sphere 'Mech",
    {
        "id": "enforcer-enf-4r",
        "chassis": "Enforcer",
        "model": "ENF-4R",
        "unit_type": "BattleMech",
        "tonnage": 50,
        "tech_base": "INNER_SPHERE",
        "rules_level": "STANDARD",
        "era": "SUCCESSION_WARS",
        "year": 3025,
    },
)
NEW_EQUIPMENT = example(
    "a custom energy weapon",
    {
        "id": "prototype-laser",
        "name": "Prototype Laser",
        "tech_base": "INNER_SPHERE",
        "rules_level": "EXPERIMENTAL",
        "tonnage": 2.5,
        "crit_slots": 2,
        "heat": 6,
        "intro_year": 3070,
        "is_weapon": True,
    },
)
EQUIPMENT_PATCH = example("raise the heat, expecting version 1", {"heat": 7, "version": 1})
NEW_CATEGORY = example(
    "a subcategory", {"id": "weapons-prototype", "name": "Prototype", "parent_id": "weapons"}
)
CATEGORY_PATCH = example("rename", {"name": "Prototypes", "version": 1})
UNIT_PATCH = example("rename the model, expecting version 1", {"model": "ENF-5D", "version": 1})
LOADOUT_PATCH = example("add notes", {"notes": "refit for urban combat"})
LOADOUT_PUT = example(
    "two medium lasers, nothing else",
    {
        "name": "Laser boat",
        "version": 1,
        "mounts": [
            {"equipment_id": "medium-laser", "location": "LEFT_ARM"},
            {"equipment_id": "medium-laser", "location": "RIGHT_ARM"},
        ],
    },
)
NEW_MOUNT = example(
    "a medium laser in the left torso",
    {"equipment_id": "medium-laser", "location": "LEFT_TORSO", "rear": False, "quantity": 1},
)
CLONE = example("a named variant", {"new_id": "hunchback-hbk-4g.variant", "name": "Variant"})
BATCH = example(
    "Inner Sphere stock loadouts, five worst",
    {"tech_base": "INNER_SPHERE", "is_stock": True, "worst": 5},
)
NEW_LOADOUT = example(
    "a variant of a unit, not its stock loadout",
    {
        "id": "hunchback-hbk-4g.brawler",
        "unit_id": "hunchback-hbk-4g",
        "name": "Brawler",
        "mounts": [{"equipment_id": "medium-laser", "location": "LEFT_ARM"}],
    },
)
RESTORE = example("bring back a soft-deleted entity", {})
VERSION_RESTORE = {
    "undelete": {"summary": "bring back a soft-deleted entity", "value": {}},
    "version": {
        "summary": "write version 2's content back as a new version",
        "value": {"version": 2, "change_note": "undo the refit"},
    },
}
BRANCH = example(
    "a variant from version 1",
    {"new_id": "hunchback-hbk-4g.brawler-2", "from_version": 1, "name": "Brawler"},
)
MERGE = example("bring a variant's changes in", {"from": "hunchback-hbk-4g.brawler-2"})

TenantId = Annotated[str, Path(description="a tenant id", examples=["guild-a"])]
KeyId = Annotated[
    str, Path(description="a key id (the part after gsk_)", examples=["3f9a1c2b7d4e5f60"])
]
TENANTS = response_example(
    [{"id": "default", "name": "default", "live_keys": 0}, {"id": "guild-a", "live_keys": 2}]
)
NEW_TENANT = example("a guild's workspace", {"id": "guild-a", "name": "Guild A"})
QUOTAS = example("at most 500 units", {"max_units": 500})
NEW_KEY = example(
    "an editor key that expires",
    {"role": "editor", "name": "ci", "expires_at": "2027-01-01T00:00:00Z"},
)
KEYS = response_example(
    [{"id": "3f9a1c2b7d4e5f60", "tenant": "guild-a", "role": "editor", "name": "ci"}]
)
EXTENSIONS = response_example(
    [{"name": "squad", "type": "string", "default": "reserve", "required": True}]
)
NEW_EXTENSIONS = example(
    "a squad for every unit",
    [{"name": "squad", "type": "string", "default": "reserve", "required": True}],
)
USAGE = response_example(
    {
        "tenant": "guild-a",
        "units": 12,
        "loadouts": 15,
        "custom_items": 3,
        "writes_24h": 40,
        "stored_properties": 640,
        "storage_estimate_bytes": 192000,
    }
)
COPY = example("a template into the tenant", {"new_id": "our-hunchback"})
BULK = example(
    "a new unit, one patch expecting version 1, one soft delete",
    [
        {
            "op": "create",
            "kind": "units",
            "body": NEW_UNIT["example"]["value"],
        },
        {
            "op": "patch",
            "kind": "units",
            "id": "atlas-as7-d",
            "body": {"role": "Juggernaut"},
            "expected_version": 1,
        },
        {"op": "delete", "kind": "loadouts", "id": "atlas-as7-d.brawler", "soft": True},
    ],
)
