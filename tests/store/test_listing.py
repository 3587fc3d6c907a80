"""list_units / list_equipment: filters, sort and paging, cross-checked against Python."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore import GraphStore, ValidationError
from graphstore.store import LoadoutCreate, MountCreate

from .conftest import equipment, unit

UNITS = [
    unit("atlas", chassis="Atlas", model="AS7-D", tonnage=100, year=2755, battle_value=1897),
    unit(
        "locust",
        chassis="Locust",
        model="LCT-1V",
        tonnage=20,
        year=2499,
        battle_value=356,
        era="AGE_OF_WAR",
    ),
    unit(
        "timber",
        chassis="Timber Wolf",
        model="Prime",
        tonnage=75,
        year=2945,
        battle_value=2737,
        tech_base="CLAN",
        era="CLAN_INVASION",
        rules_level="STANDARD",
    ),
    unit(
        "wasp",
        chassis="Wasp",
        model="WSP-1A",
        tonnage=20,
        year=2520,
        battle_value=384,
        era="AGE_OF_WAR",
    ),
    unit(
        "demolisher",
        chassis="Demolisher",
        model="Heavy Tank",
        tonnage=80,
        year=2800,
        battle_value=1000,
        unit_type="Tank",
    ),
]


@pytest.fixture
def fleet(store: GraphStore) -> GraphStore:
    store.units.upsert_many(UNITS)
    store.equipment.upsert_many([equipment("ac-20", tonnage=14, battle_value=178)])
    store.loadouts.create(
        LoadoutCreate(
            unit_id="atlas",
            name="Stock",
            mounts=[MountCreate(equipment_id="ac-20", location="RIGHT_TORSO")],
        )
    )
    return store


def ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.id for item in page.items]


def test_filters(fleet: GraphStore) -> None:
    assert ids(fleet.list_units(tech_base="CLAN")) == ["timber"]
    assert ids(fleet.list_units(era="AGE_OF_WAR")) == ["locust", "wasp"]
    assert ids(fleet.list_units(unit_type="Tank")) == ["demolisher"]
    assert ids(fleet.list_units(tonnage_min=75, tonnage_max=80, sort="tonnage")) == [
        "timber",
        "demolisher",
    ]
    assert ids(fleet.list_units(bv_min=1000, bv_max=2000, sort="battle_value")) == [
        "demolisher",
        "atlas",
    ]
    assert ids(fleet.list_units(year_max=2520, sort="year")) == ["locust", "wasp"]
    assert ids(fleet.list_units(has_equipment="ac-20")) == ["atlas"]
    fleet.loadouts.delete(fleet.loadouts.list_for_unit("atlas")[0].id, soft=True)
    assert ids(fleet.list_units(has_equipment="ac-20")) == []
    assert ids(fleet.list_units(q="WOLF")) == ["timber"]
    assert ids(fleet.list_units(rules_level="STANDARD")) == ["timber"]


def test_page_carries_the_total(fleet: GraphStore) -> None:
    page = fleet.list_units(sort="tonnage", descending=True, page=2, page_size=2)
    assert (page.total, page.page, page.page_size) == (5, 2, 2)
    assert ids(page) == ["timber", "locust"]  # locust and wasp tie at 20 t: id decides


def test_bad_filters_are_validation_errors(fleet: GraphStore) -> None:
    with pytest.raises(ValidationError) as raised:
        fleet.list_units(sort="colour", page=0, era="SOON")
    assert {e["path"] for e in raised.value.errors} == {"sort", "page", "era"}


def test_equipment_category_filter_includes_subcategories(catalog: GraphStore) -> None:
    assert ids(catalog.list_equipment(category_id="weapons")) == [
        "ac-20",
        "large-laser",
        "medium-laser",
    ]
    assert ids(catalog.list_equipment(category_id="energy", sort="tonnage", descending=True)) == [
        "large-laser",
        "medium-laser",
    ]
    assert ids(catalog.list_equipment(q="sink")) == ["heat-sink"]


# The fleet is only read, so sharing it across examples is safe.
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sort=st.sampled_from(["tonnage", "battle_value", "year", "name", "id"]),
    descending=st.booleans(),
    page=st.integers(1, 4),
    page_size=st.integers(1, 3),
    tonnage_min=st.none() | st.sampled_from([20, 75, 100]),
)
def test_paging_matches_python(
    fleet: GraphStore,
    sort: str,
    descending: bool,
    page: int,
    page_size: int,
    tonnage_min: int | None,
) -> None:
    field = {"name": "search_name"}.get(sort, sort)
    rows = [fleet.units.get(u.id or "") for u in UNITS]
    rows = [r for r in rows if tonnage_min is None or (r.tonnage or 0) >= tonnage_min]
    rows.sort(key=lambda r: r.id)
    rows.sort(key=lambda r: getattr(r, field), reverse=descending)
    expected = [r.id for r in rows][(page - 1) * page_size : page * page_size]
    got = fleet.list_units(
        sort=sort, descending=descending, page=page, page_size=page_size, tonnage_min=tonnage_min
    )
    assert got.total == len(rows)
    assert ids(got) == expected  # ties: id ascending, both in Cypher and here (stable sort)


def _walk_by_cursor(store: GraphStore, **request: object) -> list[str]:
    """Every id, page after page, each page asked with the cursor of the one before."""
    walked: list[str] = []
    cursor = None
    while True:
        page = store.list_units(**request, **({"cursor": cursor} if cursor else {}))
        walked += ids(page)
        if page.next_cursor is None:
            return walked
        assert len(page.items) == page.page_size
        cursor = page.next_cursor


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sort=st.sampled_from(["tonnage", "battle_value", "year", "name", "id"]),
    descending=st.booleans(),
    page_size=st.integers(1, 3),
)
def test_cursor_pages_walk_the_same_order_as_numbered_pages(
    fleet: GraphStore, sort: str, descending: bool, page_size: int
) -> None:
    everything = ids(fleet.list_units(sort=sort, descending=descending, page_size=500))
    walked = _walk_by_cursor(fleet, sort=sort, descending=descending, page_size=page_size)
    assert walked == everything


def test_cursor_paging_places_missing_sort_values_like_order_by(store: GraphStore) -> None:
    # Nulls sort last ascending and first descending; ties and nulls fall back on the id.
    store.units.upsert_many(
        [
            unit("a-none", battle_value=None),
            unit("b-low", battle_value=100),
            unit("c-none", battle_value=None),
            unit("d-low", battle_value=100),
            unit("e-high", battle_value=900),
        ]
    )
    for descending, expected in (
        (False, ["b-low", "d-low", "e-high", "a-none", "c-none"]),
        (True, ["a-none", "c-none", "e-high", "b-low", "d-low"]),
    ):
        listed = store.list_units(sort="battle_value", descending=descending)
        assert ids(listed) == expected
        for page_size in (1, 2):
            walked = _walk_by_cursor(
                store, sort="battle_value", descending=descending, page_size=page_size
            )
            assert walked == expected


def test_a_cursor_continues_only_its_own_order(fleet: GraphStore) -> None:
    cursor = fleet.list_units(sort="tonnage", page_size=2).next_cursor
    assert cursor
    with pytest.raises(ValidationError, match="sorted on tonnage"):
        fleet.list_units(sort="year", cursor=cursor)
    with pytest.raises(ValidationError, match="not both"):
        fleet.list_units(sort="tonnage", cursor=cursor, page=2)
    with pytest.raises(ValidationError, match="not a cursor"):
        fleet.list_units(cursor="bm90LWEtY3Vyc29y")
    with pytest.raises(ValidationError, match="other filters"):
        fleet.list_units(sort="tonnage", cursor=cursor, tech_base="CLAN")


def test_a_cursor_page_carries_the_total_its_first_page_counted(fleet: GraphStore) -> None:
    first = fleet.list_units(sort="tonnage", page_size=2)
    assert first.total_exact
    fleet.units.create(unit("marauder", tonnage=75))
    assert first.next_cursor
    following = fleet.list_units(sort="tonnage", page_size=2, cursor=first.next_cursor)
    assert (following.total, following.total_exact) == (first.total, False)
    assert fleet.list_units(sort="tonnage", page_size=2).total == first.total + 1


def test_lists_counts_and_statistics_share_one_filter_each() -> None:
    from graphstore import queries

    for fragment, users in {
        "store/fragments/unit_filter": ["reference/unit_list", "reference/unit_stats"],
        "store/fragments/unit_properties_filter": [
            "reference/unit_list",
            "reference/unit_list_mounting",
            "reference/unit_stats",
        ],
        "store/fragments/equipment_filter": ["store/equipment_list", "search/equipment_facets"],
    }.items():
        for name in users:
            assert fragment in queries.load(name).includes, name
        stated = [n for n in queries.available() if fragment in queries.load(n).includes]
        assert sorted(stated) == sorted(users)


def test_facets_and_statistics_count_what_the_lists_list(catalog: GraphStore) -> None:
    from graphstore.search import equipment_facets, unit_stats
    from graphstore.store.listing import EquipmentFilter, UnitFilter

    catalog.equipment.delete("heat-sink", soft=True)
    for include_deleted in (False, True):
        listed = catalog.list_equipment(include_deleted=include_deleted).total
        counted = equipment_facets(
            catalog.graph, EquipmentFilter(include_deleted=include_deleted)
        ).total
        assert counted == listed
    catalog.units.create(unit("timber-wolf", tech_base="CLAN", tonnage=75))
    stats = unit_stats(catalog.graph, "tech_base", UnitFilter(tonnage_min=80))
    assert [(g.value, g.count) for g in stats] == [("INNER_SPHERE", 1)]
