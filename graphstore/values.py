"""Values coming back from the driver, made plain Python for pydantic and callers."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def plain(value: Any) -> Any:
    """neo4j temporal values become datetime; containers are converted recursively.

    The store writes every time in UTC; an engine that hands one back without its zone
    (a local datetime) gets UTC attached, so callers always see aware datetimes."""
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
