"""A projected get loads the asked fields and relations and nothing more, in one query."""

from __future__ import annotations

import pytest

from graphstore import GraphStore, ValidationError


def test_only_the_asked_fields_come_back(catalog: GraphStore) -> None:
    got = catalog.units.get("atlas-as7-d", fields=["chassis", "tonnage"])
    assert got.model_fields_set == {"id", "chassis", "tonnage"}
    assert (got.chassis, got.tonnage, got.model, got.locations) == ("Atlas", 100, None, None)


def test_relations_load_only_when_asked(catalog: GraphStore) -> None:
    bare = catalog.loadouts.get("atlas-stock")
    assert bare.mounts is None
    assert "mounts" not in bare.model_fields_set
    full = catalog.loadouts.get("atlas-stock", fields=["name"], relations=["mounts"])
    assert full.model_fields_set == {"id", "name", "mounts"}
    assert len(full.mounts or []) == 2


def test_unit_with_loadouts_and_locations(catalog: GraphStore) -> None:
    got = catalog.units.get("atlas-as7-d", fields=[], relations=["loadouts", "locations"])
    assert [loadout.id for loadout in got.loadouts or []] == ["atlas-stock"]
    assert len(got.locations or []) == 8
    assert got.chassis is None


def test_the_projection_is_one_round_trip(catalog: GraphStore, monkeypatch) -> None:
    from graphstore.store import scope

    calls: list[str] = []
    real = scope.run

    def counting(tx, name, **parameters):  # type: ignore[no-untyped-def]
        calls.append(name)
        return real(tx, name, **parameters)

    monkeypatch.setattr(scope, "run", counting)
    catalog.units.get("atlas-as7-d", relations=["loadouts", "locations"])
    assert calls == ["store/unit_get"]


def test_an_unknown_relation_is_a_validation_error(catalog: GraphStore) -> None:
    with pytest.raises(ValidationError) as raised:
        catalog.units.get("atlas-as7-d", relations=["pilots"])
    assert raised.value.errors[0]["path"] == "relations"
