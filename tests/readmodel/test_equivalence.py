"""The read model answers as the graph does: random filters, sorts and pages over a varied
fleet (two tenants and shared units, soft-deleted units and items, missing values, accented
names, loadouts live and deleted), compared with the graph's own Cypher (the unit list and
the unit statistics), and name search with its plain statement (graphstore.readmodel.words)
over the graph's rows. Then the same after random writes, each list read right after the
write it follows (read-your-writes), and after writers raced.
"""

from __future__ import annotations

import random
import threading
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore import Graph, GraphStore, GraphStoreError
from graphstore.graph import ScopedGraph, Tenancy
from graphstore.migrations import migrate
from graphstore.readmodel import read_model
from graphstore.readmodel.words import matches, words
from graphstore.search.queries import unit_stats, unit_stats_from_graph
from graphstore.store.listing import (
    UnitFilter,
    UnitListRequest,
    list_units,
    unit_list_from_graph,
)
from graphstore.store.scope import Scope
from graphstore.tenancy.tenants import create_tenant
from testkit import wipe
from tests.store.conftest import equipment, unit

TECH = ["INNER_SPHERE", "CLAN", "MIXED"]
ERAS = ["STAR_LEAGUE", "SUCCESSION_WARS", "CLAN_INVASION", "JIHAD"]
RULES = ["INTRODUCTORY", "STANDARD", "ADVANCED"]
TYPES = ["BattleMech", "Vehicle"]
CHASSIS = ["Atlas", "Hunchback", "Café Racer", "Éclair", "Warhammer", "Atlas II", "Mad Cat"]
ITEMS = ["medium-laser", "ac-20", "lrm-15", "gauss-rifle", "old-gun"]
SORTS = ["name", "tonnage", "battle_value", "year", "era", "tech_base", "rules_level", "id"]
SCOPES = {
    "default": Tenancy(tenant="default", owner="default", platform=True),
    "guild": Tenancy(tenant="guild", owner="guild", platform=False),
}


def _fleet(graph: Graph, seed: int, size: int) -> None:
    picker = random.Random(seed)
    migrate(graph)
    create_tenant(graph, {"id": "guild"})
    platform = GraphStore(graph, actor="fleet")
    platform.equipment.upsert_many([equipment(item) for item in ITEMS])
    stores = {
        "default": platform,
        "guild": GraphStore(graph, actor="fleet", tenant="guild"),
        "shared": GraphStore(graph, actor="fleet", tenant=None, platform=True),
    }
    for number in range(size):
        owner = picker.choice(["default", "default", "guild", "shared"])
        made = stores[owner].units.create(_random_unit(picker, f"u{number:03d}"))
        assert made.id is not None
        for copy in range(picker.randrange(3)):
            stores[owner].loadouts.create(
                {
                    "id": f"{made.id}.l{copy}",
                    "unit_id": made.id,
                    "name": "Variant",
                    "mounts": [
                        {"equipment_id": item, "location": "LEFT_ARM"}
                        for item in picker.sample(ITEMS, picker.randrange(3))
                    ],
                }
            )
            if picker.random() < 0.2:
                stores[owner].loadouts.delete(f"{made.id}.l{copy}", soft=True)
        if picker.random() < 0.1:
            stores[owner].units.delete(made.id, soft=True)
    platform.equipment.delete("old-gun", soft=True, force=True)


def _random_unit(picker: random.Random, unit_id: str) -> Any:
    return unit(
        unit_id,
        chassis=picker.choice(CHASSIS),
        model=f"{picker.choice(['AS', 'HBK', 'WHM'])}-{picker.randrange(12)}{picker.choice('DGX')}",
        tech_base=picker.choice(TECH),
        era=picker.choice([*ERAS, None]),
        rules_level=picker.choice(RULES),
        unit_type=picker.choice(TYPES),
        tonnage=picker.choice([20, 35, 50, 50, 55.5, 75, 100]),
        battle_value=picker.choice([None, 500, 1000, 1000, 1500, 2500]),
        year=picker.choice([None, 2750, 3025, 3050, 3067]),
    )


@pytest.fixture(scope="module")
def fleet(session_graph: Graph) -> Graph:
    wipe.clear_data(session_graph)
    wipe.drop_schema(session_graph)
    _fleet(session_graph, seed=7, size=120)
    return session_graph


FILTERS = st.fixed_dictionaries(
    {},
    optional={
        "tech_base": st.sampled_from(TECH),
        "era": st.sampled_from(ERAS),
        "rules_level": st.sampled_from(RULES),
        "unit_type": st.sampled_from(TYPES),
        "tonnage_min": st.sampled_from([20, 50, 55.5, 60]),
        "tonnage_max": st.sampled_from([50, 55.5, 100]),
        "bv_min": st.sampled_from([0, 1000, 2000]),
        "bv_max": st.sampled_from([1000, 2500]),
        "year_min": st.sampled_from([2750, 3026]),
        "year_max": st.sampled_from([3025, 3067]),
        "has_equipment": st.sampled_from([*ITEMS, "no-such-item"]),
        "include_deleted": st.booleans(),
    },
)
PAGING = st.fixed_dictionaries(
    {
        "sort": st.sampled_from(SORTS),
        "descending": st.booleans(),
        "page": st.integers(1, 4),
        "page_size": st.sampled_from([1, 3, 10, 50]),
    }
)


def _ids(page: Any) -> list[str]:
    return [item.id for item in page.items]


def _both(graph: Graph, scope: str, request: dict[str, Any]) -> tuple[Any, Any]:
    listed = Scope(graph, SCOPES[scope])
    parsed = UnitListRequest.model_validate(request)
    return list_units(listed, parsed), unit_list_from_graph(listed, parsed)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(filters=FILTERS, paging=PAGING, scope=st.sampled_from(list(SCOPES)))
def test_lists_match_the_graphs_own_query(
    fleet: Graph, filters: dict[str, Any], paging: dict[str, Any], scope: str
) -> None:
    mine, theirs = _both(fleet, scope, {**filters, **paging})
    assert _ids(mine) == _ids(theirs)
    assert mine.total == theirs.total
    assert mine.items == theirs.items, "every property of every row"


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    filters=FILTERS,
    scope=st.sampled_from(list(SCOPES)),
    sort=st.sampled_from(SORTS),
    descending=st.booleans(),
    typed=st.lists(
        st.sampled_from(["atl", "atlas", "cafe", "CAFÉ", "ecl", "as", "hbk", "ii", "d", "zz"]),
        min_size=1,
        max_size=2,
    ),
)
def test_name_search_is_words_and_prefixes(
    fleet: Graph,
    filters: dict[str, Any],
    scope: str,
    sort: str,
    descending: bool,
    typed: list[str],
) -> None:
    q = " ".join(typed)
    request = {**filters, "sort": sort, "descending": descending, "page_size": 500}
    mine, _ = _both(fleet, scope, {**request, "q": q})
    _, everything = _both(fleet, scope, request)
    expected = [u.id for u in everything.items if matches(words(q), u.name)]
    assert _ids(mine) == expected
    assert mine.total == len(expected)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    filters=FILTERS,
    scope=st.sampled_from(list(SCOPES)),
    group_by=st.sampled_from(["era", "tech_base", "rules_level"]),
)
def test_statistics_match_the_graphs_own_query(
    fleet: Graph, filters: dict[str, Any], scope: str, group_by: str
) -> None:
    scoped = ScopedGraph(fleet, SCOPES[scope])
    parsed = UnitFilter.model_validate(filters)
    mine = unit_stats(scoped, group_by, parsed)  # type: ignore[arg-type]
    theirs = unit_stats_from_graph(scoped, group_by, parsed)  # type: ignore[arg-type]
    assert [(g.value, g.count) for g in mine] == [(g.value, g.count) for g in theirs]
    for got, want in zip(mine, theirs, strict=True):
        for name, value in want.model_dump().items():
            mean = name.endswith("_avg") and value is not None  # summed in another order
            assert getattr(got, name) == (pytest.approx(value, rel=1e-9) if mean else value)


# ---- after writes ---------------------------------------------------------------------

OPERATIONS = [
    "create",
    "update",
    "rename",
    "soft_delete",
    "restore",
    "delete",
    "loadout",
    "mount",
    "unmount",
    "drop_loadout",
    "item_off",
    "item_on",
]


def _write(graph: Graph, picker: random.Random, counter: list[int]) -> None:
    """One random write, through the store, by one of the owners; refusals are fine."""
    owner = picker.choice(["default", "guild", "shared"])
    store = {
        "default": GraphStore(graph, actor="w"),
        "guild": GraphStore(graph, actor="w", tenant="guild"),
        "shared": GraphStore(graph, actor="w", tenant=None, platform=True),
    }[owner]
    operation = picker.choice(OPERATIONS)
    some_unit = f"u{picker.randrange(counter[0]):03d}"
    some_loadout = f"{some_unit}.l{picker.randrange(3)}"
    try:
        if operation == "create":
            counter[0] += 1
            store.units.create(_random_unit(picker, f"u{counter[0] - 1:03d}"))
        elif operation == "update":
            store.units.update(
                some_unit,
                {"tonnage": picker.choice([25, 50, 80]), "battle_value": picker.choice([None, 9])},
            )
        elif operation == "rename":
            store.units.update(some_unit, {"chassis": picker.choice(CHASSIS)})
        elif operation == "soft_delete":
            store.units.delete(some_unit, soft=True)
        elif operation == "restore":
            store.units.restore(some_unit)
        elif operation == "delete":
            store.units.delete(some_unit, force=True)
        elif operation == "loadout":
            store.loadouts.create(
                {
                    "id": some_loadout,
                    "unit_id": some_unit,
                    "name": "New",
                    "mounts": [{"equipment_id": picker.choice(ITEMS[:4]), "location": "LEFT_ARM"}],
                }
            )
        elif operation == "mount":
            store.loadouts.add_mount(
                some_loadout, {"equipment_id": picker.choice(ITEMS[:4]), "location": "LEFT_ARM"}
            )
        elif operation == "unmount":
            store.loadouts.replace_mounts(some_loadout, [])
        elif operation == "drop_loadout":
            store.loadouts.delete(some_loadout, soft=picker.random() < 0.5)
        elif operation == "item_off":
            GraphStore(graph, actor="w").equipment.delete(
                picker.choice(ITEMS[:4]), soft=True, force=True
            )
        elif operation == "item_on":
            GraphStore(graph, actor="w").equipment.restore(picker.choice(ITEMS))
    except GraphStoreError:
        pass  # refused (missing, restricted, shared, taken): nothing was written


def _agree(graph: Graph, picker: random.Random) -> None:
    scope = picker.choice(list(SCOPES))
    request = {
        "sort": picker.choice(SORTS),
        "descending": picker.random() < 0.5,
        "page_size": 500,
        "include_deleted": picker.random() < 0.5,
        **({"has_equipment": picker.choice(ITEMS)} if picker.random() < 0.4 else {}),
        **({"tonnage_min": 50} if picker.random() < 0.3 else {}),
    }
    mine, theirs = _both(graph, scope, request)
    assert mine.items == theirs.items, request
    assert mine.total == theirs.total


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1))
def test_each_write_is_in_the_next_read(session_graph: Graph, seed: int) -> None:
    wipe.clear_data(session_graph)
    wipe.drop_schema(session_graph)
    _fleet(session_graph, seed=seed, size=20)
    picker = random.Random(seed)
    counter = [20]
    for _ in range(30):
        _write(session_graph, picker, counter)
        _agree(session_graph, picker)  # no wait: the read catches up on the log first


def test_racing_writers_and_readers_end_in_agreement(session_graph: Graph) -> None:
    wipe.clear_data(session_graph)
    wipe.drop_schema(session_graph)
    _fleet(session_graph, seed=11, size=30)
    model = read_model(session_graph)
    caught_up_mid_race: list[int] = []
    writing = threading.Event()
    writing.set()
    counters = [[30 + 1000 * n] for n in range(3)]

    def writer(number: int) -> None:
        picker = random.Random(number)
        for _ in range(25):
            _write(session_graph, picker, counters[number])

    def reader() -> None:
        while writing.is_set():
            done = model.refresh()
            if done.applied:
                caught_up_mid_race.append(done.applied)
            GraphStore(session_graph).list_units(page_size=5)

    writers = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    readers = [threading.Thread(target=reader) for _ in range(2)]
    for thread in [*writers, *readers]:
        thread.start()
    for thread in writers:
        thread.join()
    writing.clear()
    for thread in readers:
        thread.join()
    assert len(caught_up_mid_race) >= 3, "the readers caught up while writers wrote"
    picker = random.Random(5)
    for _ in range(10):
        _agree(session_graph, picker)
