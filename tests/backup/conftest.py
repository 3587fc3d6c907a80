"""The store's fixtures (a migrated graph with a small catalog), for the backup commands."""

from tests.store.conftest import catalog, store

__all__ = ["catalog", "store"]
