"""The store's fixtures (a migrated graph with a small catalog and one Atlas)."""

from tests.store.conftest import catalog, store

__all__ = ["catalog", "store"]
