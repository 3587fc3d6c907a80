"""Store-side conversions of driver values (the general one is graphstore.values.plain)."""

from __future__ import annotations

from typing import Any

from graphstore.values import plain

__all__ = ["pairs_to_dict", "plain"]


def pairs_to_dict(pairs: list[list[Any]]) -> dict[str, Any]:
    """A projection comes back as [key, value] pairs so it carries only the asked fields."""
    return {str(k): plain(v) for k, v in pairs}
