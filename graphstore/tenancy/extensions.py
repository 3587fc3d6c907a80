"""Tenant extensions: typed properties a tenant adds to its units, in their `extra` object.

Additions never break: an extension is added with its default, which every existing unit of
the tenant gets (written through the store, one version each, source "extension"); a
required one must have a default. A name that is a core unit property is refused, and an
extension's type never changes (remove it, then add it anew). Writes are validated against
the tenant's extensions: unknown names, wrong types, and null for a required one are
refused; a create without a value gets the default.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graphstore.errors import NotFoundError, ValidationError
from graphstore.graph import Graph
from graphstore.store.models import UnitCreate, UnitPublic
from graphstore.store.validation import error, validate_many
from graphstore.tenancy.names import DEFAULT_TENANT

ExtensionType = Literal["string", "integer", "number", "boolean"]
_PYTHON: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}
CORE = frozenset(UnitCreate.model_fields) | frozenset(UnitPublic.model_fields) | {"_lock"}
"""Names an extension may not take: what a unit already has."""


def _fits(kind: str, value: Any) -> bool:
    if isinstance(value, bool) and kind != "boolean":
        return False
    return isinstance(value, _PYTHON[kind])


class Extension(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
    type: ExtensionType
    default: str | int | float | bool | None = None
    required: bool = False
    description: Annotated[str, Field(max_length=500)] | None = None

    @model_validator(mode="after")
    def _sound(self) -> Extension:
        if self.name in CORE:
            raise ValueError(f"{self.name!r} is a core unit property")
        if self.default is not None and not _fits(self.type, self.default):
            raise ValueError(f"the default of {self.name!r} is not a {self.type}")
        if self.required and self.default is None:
            raise ValueError(f"{self.name!r} is required, so existing units need a default")
        return self


class ExtensionsSet(BaseModel):
    extensions: list[Extension]
    units_backfilled: int = Field(description="existing units the added defaults were written to")


def get_extensions(graph: Graph) -> list[Extension]:
    """The extensions of the tenant `graph` is scoped to (graphstore.graph.ScopedGraph)."""
    rows = graph.read("tenancy/extensions")
    if not rows:
        scope = getattr(graph, "tenancy", None)
        tenant = scope.tenant if scope else DEFAULT_TENANT
        if tenant == DEFAULT_TENANT:
            return []  # the default tenant exists without its node too (entities._within_quota)
        raise NotFoundError("Tenant", str(tenant))
    return [Extension(**e) for e in json.loads(rows[0]["extensions"] or "[]")]


def replace_extensions(
    graph: Graph,
    wanted: list[Extension] | list[dict[str, Any]],
    backfill: Callable[[list[Extension]], int],
) -> tuple[list[Extension], int]:
    """Sets the scoped tenant's extensions; the added ones with a default are written into
    its existing units by `backfill` (which returns how many units it changed)."""
    new = validate_many(Extension, list(wanted), "extensions")
    names = [e.name for e in new]
    if len(names) != len(set(names)):
        raise ValidationError([error("extensions", "extension names must be unique")])
    old = {e.name: e for e in get_extensions(graph)}
    changed = [e.name for e in new if e.name in old and old[e.name].type != e.type]
    if changed:
        raise ValidationError(
            [
                error("extensions", f"the type of {n!r} cannot change: remove it first")
                for n in changed
            ]
        )
    graph.write("tenancy/extensions_set", extensions=json.dumps([e.model_dump() for e in new]))
    added = [e for e in new if e.name not in old and e.default is not None]
    return new, backfill(added) if added else 0


def checked_extra(
    extensions: list[Extension], extra: dict[str, Any] | None, *, creating: bool
) -> dict[str, Any] | None:
    """`extra` validated against `extensions` (ValidationError listing every problem); on a
    create, missing values take their defaults."""
    declared = {e.name: e for e in extensions}
    given = dict(extra or {})
    problems = [
        error(f"extra.{name}", f"no extension {name!r} in this tenant", "extension")
        for name in given
        if name not in declared
    ]
    for name, value in given.items():
        extension = declared.get(name)
        if extension is None:
            continue
        if value is None and extension.required:
            problems.append(error(f"extra.{name}", "is required", "extension"))
        elif value is not None and not _fits(extension.type, value):
            problems.append(error(f"extra.{name}", f"must be a {extension.type}", "extension"))
    if problems:
        raise ValidationError(problems)
    if creating:
        for extension in extensions:
            if given.get(extension.name) is None and extension.default is not None:
                given[extension.name] = extension.default
    return given or None


def json_schema(extensions: list[Extension]) -> dict[str, Any]:
    """The `extra` object of this tenant's units, as JSON Schema (for its OpenAPI)."""
    kinds = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            e.name: {
                "type": kinds[e.type],
                **({"default": e.default} if e.default is not None else {}),
                **({"description": e.description} if e.description else {}),
            }
            for e in extensions
        },
        "required": [e.name for e in extensions if e.required],
    }


def with_extra_schema(openapi: dict[str, Any], extensions: list[Extension]) -> dict[str, Any]:
    """A copy of an OpenAPI document whose unit models describe `extra` as `extensions`
    declare it."""
    document = copy.deepcopy(openapi)
    schemas = document.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        if name.startswith("Unit") and "extra" in schema.get("properties", {}):
            schema["properties"]["extra"] = {
                "anyOf": [json_schema(extensions), {"type": "null"}],
                "description": schema["properties"]["extra"].get("description", ""),
            }
    return document
