"""Stable, readable OpenAPI operation ids: `<tag>_<action>` (units_get, loadouts_clone).

The action is the route function's name without the words naming its entity, so
`get_unit` under the `units` tag is `units_get`, and a generated client has
`units_get(...)` instead of `get_unit_v1_units_unit_id_get(...)`. Renaming a route function
renames its operation: tests/api/test_openapi_client.py pins the whole list.
"""

from __future__ import annotations

from fastapi.routing import APIRoute

_ENTITY_WORDS = frozenset(
    {
        "unit",
        "units",
        "loadout",
        "equipment",
        "category",
        "categories",
        "health",
        "tenant",
        "tenants",
    }
)


def operation_id(route: APIRoute) -> str:
    tag = str(route.tags[0]) if route.tags else "api"
    words = [word for word in route.name.split("_") if word not in _ENTITY_WORDS]
    action = "_".join(words) or ("list" if "GET" in (route.methods or set()) else "call")
    return f"{tag}_{action}"
