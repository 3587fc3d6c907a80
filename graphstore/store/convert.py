"""Values coming back from the driver, made plain for pydantic."""

from __future__ import annotations

from typing import Any


def plain(value: Any) -> Any:
    """neo4j temporal values become datetime; containers are converted recursively."""
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def pairs_to_dict(pairs: list[list[Any]]) -> dict[str, Any]:
    """A projection comes back as [key, value] pairs so it carries only the asked fields."""
    return {str(k): plain(v) for k, v in pairs}
