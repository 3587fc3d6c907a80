"""Resolving a unit's equipment reference to one catalog id, in three counted steps.

1. exact: the reference is a catalog id.
2. mapping: name-mappings.json maps the reference, exactly, to a catalog id.
3. normalized: the reference's key equals the key of a catalog id, catalog name or mapped
   name. A key is lower-case letters and digits only, after dropping a leading count
   (`1-`, `2-`). When that finds nothing, an IS/Clan marker (prefix `is`, `cl`, `clan`, or a
   `(Clan)`/`[IS]` tag) is taken off both sides and becomes a filter on the item's tech base.

A step that finds several different items resolves nothing: the mount stays unresolved and
lists them as candidates. Nothing is ever picked among ties.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Step = Literal["exact", "mapping", "normalized"]

_LEADING_COUNT = re.compile(r"^\d+-(?=\D)")
_TECH_TAG = re.compile(r"[\(\[]\s*(clan|is|inner sphere)\s*[\)\]]", re.IGNORECASE)
_TECH_PREFIX = re.compile(r"^(clan|cl|is)(?=[a-z0-9])")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_CLAN = "CLAN"
_INNER_SPHERE = "INNER_SPHERE"


@dataclass(frozen=True)
class CatalogEntry:
    """What resolution needs to know about a catalog item."""

    name: str | None
    tech_base: str | None
    crit_slots: int | None = None


@dataclass(frozen=True)
class Resolution:
    reference: str
    step: Step | None
    equipment_id: str | None
    candidates: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.equipment_id is not None


def plain_key(text: str) -> str:
    return _NOT_ALNUM.sub("", _LEADING_COUNT.sub("", text.strip()).lower())


def tech_key(text: str) -> tuple[str | None, str]:
    """The key without its IS/Clan marker, and the tech base the marker names (or None)."""
    tech: str | None = None
    tag = _TECH_TAG.search(text)
    if tag:
        tech = _CLAN if tag.group(1).lower() == "clan" else _INNER_SPHERE
        text = _TECH_TAG.sub("", text)
    key = plain_key(text)
    prefix = _TECH_PREFIX.match(key)
    if prefix and tech is None:
        tech = _INNER_SPHERE if prefix.group(1) == "is" else _CLAN
        key = key[prefix.end() :]
    return tech, key


@dataclass
class Resolver:
    """Resolves references against catalog items and name mappings (name → id)."""

    items: Mapping[str, CatalogEntry]
    mappings: Mapping[str, str]
    _plain: dict[str, set[str]] = field(default_factory=dict, init=False)
    _stripped: dict[str, set[str]] = field(default_factory=dict, init=False)
    _cache: dict[str, Resolution] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        names: list[tuple[str, str]] = []
        for item_id, entry in self.items.items():
            names.append((item_id, item_id))
            if entry.name:
                names.append((entry.name, item_id))
        names += [(name, target) for name, target in self.mappings.items() if target in self.items]
        for text, item_id in names:
            self._plain.setdefault(plain_key(text), set()).add(item_id)
            self._stripped.setdefault(tech_key(text)[1], set()).add(item_id)

    def resolve(self, reference: str) -> Resolution:
        cached = self._cache.get(reference)
        if cached is None:
            cached = self._cache[reference] = self._resolve(reference)
        return cached

    def _resolve(self, reference: str) -> Resolution:
        if reference in self.items:
            return Resolution(reference, "exact", reference)
        mapped = self.mappings.get(reference)
        if mapped is not None and mapped in self.items:
            return Resolution(reference, "mapping", mapped)
        key = plain_key(reference)
        found = self._plain.get(key, set()) if key else set()
        if key and not found:
            tech, key = tech_key(reference)
            found = {
                item_id
                for item_id in self._stripped.get(key, set())
                if tech is None or self.items[item_id].tech_base == tech
            }
        if len(found) == 1:
            return Resolution(reference, "normalized", next(iter(found)))
        return Resolution(reference, None, None, tuple(sorted(found)))

    def crit_slots(self, item_id: str) -> int | None:
        entry = self.items.get(item_id)
        return entry.crit_slots if entry is not None else None

    def resolve_all(self, references: Iterable[str]) -> list[Resolution]:
        return [self.resolve(reference) for reference in references]
