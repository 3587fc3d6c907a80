"""Tenant extensions: typed `extra` properties, validated on write, defaults for all."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from graphstore.errors import ValidationError
from graphstore.importer.graph_hash import graph_hash
from graphstore.tenancy.keys import create_key
from tests.api.helpers import new_unit, problem
from tests.tenancy.conftest import Tenants

SQUAD = {"name": "squad", "type": "string", "default": "none", "required": True}
PAINT = {"name": "paint_hours", "type": "integer"}


def test_an_added_extension_reaches_existing_units_and_is_checked_on_write(
    tenants: Tenants,
) -> None:
    a = tenants.a
    a.units.create(new_unit("old-mech"))
    done = a.set_extensions([SQUAD, PAINT])
    assert done.units_backfilled == 1
    assert a.units.get("old-mech").extra == {"squad": "none"}
    assert a.units.versions("old-mech").total == 2, "the default came as a new version"
    made = a.units.create(new_unit("new-mech", extra={"paint_hours": 12}))
    assert made.extra == {"paint_hours": 12, "squad": "none"}
    updated = a.units.update("new-mech", {"extra": {"squad": "Alpha"}})
    assert updated.extra == {"squad": "Alpha"}
    for wrong in ({"paint_hours": "lots"}, {"colour": "red"}, {"squad": None}):
        with pytest.raises(ValidationError):
            a.units.update("new-mech", {"extra": wrong})
    assert a.units.get("new-mech").extra == {"squad": "Alpha"}
    assert tenants.b.extensions() == []
    with pytest.raises(ValidationError, match="no extension"):
        tenants.b.units.create(new_unit("b-mech", extra={"squad": "x"}))


@pytest.mark.parametrize(
    ("wanted", "why"),
    [
        ([{"name": "tonnage", "type": "number"}], "core unit property"),
        ([{"name": "x", "type": "integer", "required": True}], "need a default"),
        ([{"name": "x", "type": "integer", "default": "one"}], "not a integer"),
        ([PAINT, PAINT], "unique"),
    ],
)
def test_a_bad_extension_is_refused_and_changes_nothing(
    tenants: Tenants, wanted: list[dict[str, object]], why: str
) -> None:
    before = graph_hash(tenants.a.graph)
    with pytest.raises(ValidationError, match=why):
        tenants.a.set_extensions(wanted)
    assert graph_hash(tenants.a.graph) == before


def test_a_type_never_changes(tenants: Tenants) -> None:
    tenants.a.set_extensions([PAINT])
    with pytest.raises(ValidationError, match="cannot change"):
        tenants.a.set_extensions([{**PAINT, "type": "string"}])


def test_extensions_over_http_and_in_the_tenants_openapi(tenants: Tenants) -> None:
    graph = tenants.a.graph
    admin = create_key(graph, "guild-a", {"role": "admin"}).secret
    editor = create_key(graph, "guild-a", {"role": "editor"}).secret
    with TestClient(create_app(graph, ApiSettings(api_key="p"))) as client:
        as_admin = {"Authorization": f"Bearer {admin}"}
        as_editor = {"Authorization": f"Bearer {editor}"}
        problem(client.put("/v1/tenant/extensions", json=[SQUAD], headers=as_editor), 403)
        clash = client.put(
            "/v1/tenant/extensions", json=[{"name": "model", "type": "string"}], headers=as_admin
        )
        problem(clash, 422)
        assert (
            client.put("/v1/tenant/extensions", json=[SQUAD], headers=as_admin).json()[
                "extensions"
            ][0]["name"]
            == "squad"
        )
        schema = client.get("/v1/tenant/openapi.json", headers=as_editor).json()
        extra = schema["components"]["schemas"]["UnitCreate"]["properties"]["extra"]
        assert extra["anyOf"][0]["properties"]["squad"]["type"] == "string"
        made = client.post("/v1/units", json=new_unit("h-mech"), headers=as_editor).json()
        assert made["extra"] == {"squad": "none"}
        bad = client.post("/v1/units", json=new_unit("h-2", extra={"squad": 3}), headers=as_editor)
        assert problem(bad, 422)["errors"][0]["loc"] == ["extra", "squad"]
