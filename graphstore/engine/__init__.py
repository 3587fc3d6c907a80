"""The embedded default engine (ArcadeDB over Bolt), run as a child process."""

from graphstore.engine.local import EngineStatus, LocalEngine, StopReport
from graphstore.engine.paths import EnginePaths, EngineState

__all__ = ["EnginePaths", "EngineState", "EngineStatus", "LocalEngine", "StopReport"]
