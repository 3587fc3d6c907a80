"""Ids travel in URL paths, so they refuse "/"; import placeholders are not catalog items."""

from __future__ import annotations

import pytest

from graphstore import GraphStore, ValidationError
from tests.store.conftest import equipment, unit


@pytest.mark.parametrize("bad_id", ["atlas/stock", " atlas", "atlas ", "a/"])
def test_an_id_with_a_slash_or_blank_ends_is_refused(store: GraphStore, bad_id: str) -> None:
    with pytest.raises(ValidationError) as raised:
        store.units.create(unit(bad_id))
    assert "id" in {str(e["path"]) for e in raised.value.errors}


def test_dotted_ids_are_fine(store: GraphStore) -> None:
    assert store.units.create(unit("atlas-as7-d.variant")).id == "atlas-as7-d.variant"


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
