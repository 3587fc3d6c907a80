"""The read model: lists, search and statistics from a SQLite copy of the graph that follows
its write log, so no request reads a whole label (graphstore.readmodel.model)."""

from __future__ import annotations

import hashlib
import threading
import weakref
from pathlib import Path

from graphstore.errors import ConfigurationError
from graphstore.graph import Graph
from graphstore.readmodel import schema
from graphstore.readmodel.model import Freshness, ReadModel
from graphstore.settings import ReadModelSettings

_models: weakref.WeakKeyDictionary[Graph, ReadModel] = weakref.WeakKeyDictionary()
_models_lock = threading.Lock()


def model_path(graph: Graph, settings: ReadModelSettings) -> Path:
    """The graph's read model file: one per database and layout, and per server for
    another server than the local engine (whose home is its own)."""
    folder = settings.dir
    if folder is None:
        if graph.home is None:
            raise ConfigurationError(
                "this graph has no home for a read model: set GRAPHSTORE_READ_MODEL_DIR"
            )
        folder = graph.home / "read-model"
    name = graph.database
    if graph.info.kind != "arcadedb":
        name += "-" + hashlib.sha256(graph.info.uri.encode()).hexdigest()[:12]
    # The layout's version is in the name: a file of another layout is never opened.
    return folder / f"{name}.v{schema.FORMAT}.sqlite"


def read_model(graph: Graph) -> ReadModel:
    """The read model of `graph` (the unscoped graph behind a scoped one), opened once."""
    shared: Graph = getattr(graph, "unscoped", graph)
    with _models_lock:
        found = _models.get(shared)
        if found is None:
            settings = ReadModelSettings()
            found = _models[shared] = ReadModel(shared, model_path(shared, settings), settings)
        return found


__all__ = ["Freshness", "ReadModel", "model_path", "read_model"]
