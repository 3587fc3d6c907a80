"""Ids travel in URL paths, so they refuse "/"; import placeholders are not catalog items."""

from __future__ import annotations

import pytest

from graphstore import GraphStore, ValidationError
from tests.store.conftest import equipment, unit


@pytest.mark.parametrize("bad_id", ["atlas/stock", "/atlas", "a/", "a b/c"])
def test_an_id_with_a_slash_is_refused(store: GraphStore, bad_id: str) -> None:
    data = unit().model_dump(exclude_none=True) | {"id": bad_id}
    with pytest.raises(ValidationError) as raised:
        store.units.create(data)
    assert "id" in {str(e["path"]) for e in raised.value.errors}


def test_dotted_ids_are_fine_and_blank_ends_are_stripped(store: GraphStore) -> None:
    assert store.units.create(unit("atlas-as7-d.variant")).id == "atlas-as7-d.variant"
    data = unit().model_dump(exclude_none=True) | {"id": "  padded  "}
    assert store.units.create(data).id == "padded"


def test_unresolved_placeholders_are_not_listed_in_the_catalog(store: GraphStore) -> None:
    store.equipment.create(equipment("medium-laser"))
    store.graph.driver.execute_query(
        "CREATE (:Equipment:Unresolved {id: 'unresolved:mystery', name: 'Mystery', "
        "search_name: 'mystery', version: 1})",
        database_=store.graph.database,
    )
    listed = store.list_equipment()
    assert [item.id for item in listed.items] == ["medium-laser"]
    assert listed.total == 1
