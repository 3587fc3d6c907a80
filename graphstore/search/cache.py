"""Catalog lookups (facets, autocomplete, the category tree) kept between calls, and never
served stale.

Every write to the shared catalog counts itself in the graph, in its own transaction
(cypher/store/catalog_changed, from graphstore.store.scope.CatalogScope). A lookup reads
that count first, in the same read transaction as the lookup itself, and reuses a result
read at the same count; any other count reads afresh. So a change committed by any process
is seen by the next lookup that starts after it, whichever process made it, and a hit costs
a round trip reading one node instead of a scan of the catalog. The count is read before
the lookup, so a result is never filed under a newer count than the data it saw.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections import OrderedDict
from typing import Any

from graphstore import catalog_generation
from graphstore.graph import SINGLE_TENANT, Graph, Runner, run_named
from graphstore.observability import CACHE_LOOKUPS

MAX_ENTRIES = 512


class CatalogCache:
    """Results of named catalog queries, by query and parameters, at a catalog generation."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[str, tuple[int, list[dict[str, Any]]]] = OrderedDict()
        self._lock = threading.Lock()
        self._max_entries = max_entries

    def read(self, graph: Graph, name: str, **parameters: Any) -> list[dict[str, Any]]:
        # A tenant's lookups include its custom items: each tenant has its own entries.
        tenant = getattr(graph, "tenancy", SINGLE_TENANT).tenant
        key = json.dumps([name, tenant, parameters], sort_keys=True, default=str)

        def work(tx: Runner) -> list[dict[str, Any]]:
            generation = run_named(tx, catalog_generation.READ)[0]["generation"]
            with self._lock:
                found = self._entries.get(key)
                if found is not None and found[0] == generation:
                    self._entries.move_to_end(key)
                    CACHE_LOOKUPS.labels(cache="catalog", result="hit").inc()
                    return found[1]
            CACHE_LOOKUPS.labels(cache="catalog", result="miss").inc()
            rows = run_named(tx, name, **parameters)
            with self._lock:
                self._entries[key] = (generation, rows)
                self._entries.move_to_end(key)
                while len(self._entries) > self._max_entries:
                    self._entries.popitem(last=False)
            return rows

        return graph.read_transaction(work)


_caches: weakref.WeakKeyDictionary[Graph, CatalogCache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def catalog_read(graph: Graph, name: str, **parameters: Any) -> list[dict[str, Any]]:
    """`graph.read(name, **parameters)` for a query over the catalog only, from the graph's
    catalog cache when nothing in the catalog changed since."""
    shared = getattr(graph, "unscoped", graph)
    with _caches_lock:
        cache = _caches.get(shared)
        if cache is None:
            cache = _caches[shared] = CatalogCache()
    return cache.read(graph, name, **parameters)
