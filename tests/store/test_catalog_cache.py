"""The catalog cache (graphstore.search.cache): lookups are reused while the catalog is
unchanged and never served stale after a change, whoever made it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from graphstore import EngineSettings, Graph, GraphStore, connect
from graphstore.observability import CACHE_LOOKUPS
from graphstore.search import autocomplete, category_tree, equipment_facets
from graphstore.store import CategoryCreate

from .conftest import equipment


def _lookups(result: str) -> float:
    return CACHE_LOOKUPS.labels(cache="catalog", result=result)._value.get()


@pytest.fixture
def other_graph(store: GraphStore, engine_settings: EngineSettings) -> Iterator[Graph]:
    """A second connection, with its own cache: another process, as far as caches go."""
    with connect(engine_settings=engine_settings) as graph:
        yield graph


def _seen(graph: Graph) -> tuple[list[str], int, list[str]]:
    return (
        [s.name for s in autocomplete(graph, "laser")],
        equipment_facets(graph).total,
        [c.id for c in category_tree(graph)],
    )


def test_an_unchanged_catalog_is_read_once(store: GraphStore) -> None:
    store.equipment.upsert_many([equipment("medium-laser", name="Medium Laser")])
    autocomplete(store.graph, "laser")
    hits = _lookups("hit")
    assert [s.id for s in autocomplete(store.graph, "laser")] == ["medium-laser"]
    assert _lookups("hit") == hits + 1


def test_every_kind_of_catalog_change_is_seen_by_every_cache(
    store: GraphStore, other_graph: Graph
) -> None:
    def both_see(expected: tuple[list[str], int, list[str]]) -> None:
        assert _seen(store.graph) == expected
        assert _seen(other_graph) == expected

    store.equipment.upsert_many([equipment("medium-laser", name="Medium Laser")])
    both_see((["Medium Laser"], 1, []))
    store.equipment.create(equipment("large-laser", name="Large Laser"))
    both_see((["Large Laser", "Medium Laser"], 2, []))
    store.equipment.update("large-laser", {"name": "ER Large Laser"})
    both_see((["Medium Laser", "ER Large Laser"], 2, []))
    store.equipment.delete("large-laser", soft=True)
    both_see((["Medium Laser"], 1, []))
    store.equipment.restore("large-laser")
    both_see((["Medium Laser", "ER Large Laser"], 2, []))
    store.categories.create(CategoryCreate(id="weapons", name="Weapons"))
    both_see((["Medium Laser", "ER Large Laser"], 2, ["weapons"]))
    store.categories.delete("weapons")
    both_see((["Medium Laser", "ER Large Laser"], 2, []))
    store.equipment.delete("large-laser")
    both_see((["Medium Laser"], 1, []))


def test_a_lookup_after_an_acknowledged_rename_never_sees_an_older_name(
    store: GraphStore, other_graph: Graph
) -> None:
    """Race: a writer renames one item while readers, on another connection and cache, look
    it up. A lookup that starts after rename N was acknowledged must show N or later."""
    store.equipment.upsert_many([equipment("probe", name="Probe 0")])
    renames = 40
    acknowledged = 0
    writing = threading.Event()
    done = threading.Event()
    stale: list[tuple[int, str]] = []
    overlapped = 0
    lock = threading.Lock()

    def writer() -> None:
        nonlocal acknowledged
        for n in range(1, renames + 1):
            writing.set()
            store.equipment.update("probe", {"name": f"Probe {n}"})
            writing.clear()
            with lock:
                acknowledged = n
        done.set()

    def reader() -> None:
        nonlocal overlapped
        while not done.is_set():
            with lock:
                floor = acknowledged
            during_write = writing.is_set()
            names = [s.name for s in autocomplete(other_graph, "probe")]
            seen = int(names[0].split()[1])
            with lock:
                overlapped += during_write
                if seen < floor:
                    stale.append((floor, names[0]))

    threads = [threading.Thread(target=writer)] + [
        threading.Thread(target=reader) for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert stale == []
    assert overlapped > 0, "no lookup ran while a rename was in flight: the race never happened"
    assert [s.name for s in autocomplete(other_graph, "probe")] == [f"Probe {renames}"]
