"""The public surface is re-exported from graphstore and __all__ is complete."""

from __future__ import annotations

import types

import graphstore


def test_all_lists_every_public_name() -> None:
    public = {
        name
        for name, value in vars(graphstore).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == set(graphstore.__all__) - {"__version__"}


def test_every_name_in_all_exists() -> None:
    missing = [name for name in graphstore.__all__ if not hasattr(graphstore, name)]
    assert missing == []


def test_every_error_derives_from_the_root() -> None:
    errors = [
        v for v in vars(graphstore).values() if isinstance(v, type) and issubclass(v, Exception)
    ]
    assert errors
    assert all(issubclass(e, graphstore.GraphStoreError) for e in errors)
