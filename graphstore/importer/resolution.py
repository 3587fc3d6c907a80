"""Resolving a unit's equipment reference to one catalog id, in three counted steps.

1. exact: the reference is a catalog id.
2. mapping: name-mappings.json maps the reference, exactly, to a catalog id.
3. normalized: the reference's key equals the key of a catalog id, catalog name or mapped
   name. A key is lower-case letters and digits only, after dropping a leading count
   (`1-`, `2-`). When that finds nothing, an IS/Clan marker (prefix `is`, `cl`, `clan`, or a
   `(Clan)`/`[IS]` tag) is taken off both sides and becomes a filter on the item's tech base.

A step that finds several different items resolves nothing: the mount stays unresolved and
lists them as candidates. Nothing is ever picked among ties.

A unit file's mount reference is lossy: `er-large-laser` names the Inner Sphere item even on
a Clan 'Mech, and normalised matching can land on a battle-armor item. `resolve_mount` weighs
the rest of the file's evidence, within the reference's *family* (the items whose names are
the same once the IS/Clan marker is dropped: `ER Large Laser`, `ER Large Laser (Clan)`):

1. a 'Mech mount never lands on a battle-armor or ProtoMech item when the family has a 'Mech
   item (kind `mech_item`);
2. the location's critical-slot names (MegaMek's own names, `CLERLargeLaser`, resolved like
   a reference) decide when exactly one family member is among them (kind `slot_name`);
3. otherwise the unit's tech base (INNER_SPHERE or CLAN) decides when exactly one family
   member has it (kind `unit_tech_base`).

A reference that carries its own IS/Clan marker (`clan-er-large-laser`, `CLERPPC`) is not
lossy: steps 2 and 3 leave it as it is.

Each correction names its kind, so the import report counts them. When the evidence leaves a
tie the mount keeps what the reference alone said (a placeholder listing the 'Mech items when
that was a battle-armor item); an unresolved tie the evidence narrows to one item is resolved
(step `normalized`), one it does not narrow stays a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Step = Literal["exact", "mapping", "normalized"]
Correction = Literal["mech_item", "slot_name", "unit_tech_base"]
# What one slot name says: the item it resolves to, its IS/Clan marker, its sorted letters.
SlotEvidence = tuple[str | None, str | None, str]

_LEADING_COUNT = re.compile(r"^\d+-(?=\D)")
_TECH_TAG = re.compile(r"[\(\[]\s*(clan|is|inner sphere)\s*[\)\]]", re.IGNORECASE)
_TECH_PREFIX = re.compile(r"^(clan|cl|is)(?=[a-z0-9])")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
# Battle-armor and ProtoMech items: MegaMek's ids and names mark them (`basrm2-os`,
# `protomechac2`, `Flamer [BA]`); `ballistic-*`, `backhoe` and `basic-*` are 'Mech items.
_NOT_MECH_ID = re.compile(r"^(ba(?!ckhoe|sic|llistic)|battlearmor|protome[ck]h?(?!-?myomer))")
_NOT_MECH_NAME = re.compile(r"^(ba |battlearmor|protome[ck]h)|\[ba\]", re.IGNORECASE)
_CLAN = "CLAN"
_INNER_SPHERE = "INNER_SPHERE"


@dataclass(frozen=True)
class CatalogEntry:
    """What resolution needs to know about a catalog item."""

    name: str | None
    tech_base: str | None
    crit_slots: int | None = None


def for_mechs(item_id: str, entry: CatalogEntry) -> bool:
    """False for a battle-armor or ProtoMech item."""
    return not (_NOT_MECH_ID.match(item_id) or _NOT_MECH_NAME.search(entry.name or ""))


@dataclass(frozen=True)
class Resolution:
    reference: str
    step: Step | None
    equipment_id: str | None
    candidates: tuple[str, ...] = ()
    correction: Correction | None = None
    corrected_from: str | None = None

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
    _families: dict[str, set[str]] = field(default_factory=dict, init=False)
    _slot_cache: dict[str, SlotEvidence] = field(default_factory=dict, init=False)
    _mount_cache: dict[tuple[str, str | None, frozenset[SlotEvidence]], Resolution] = field(
        default_factory=dict, init=False
    )

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
        for item_id in self.items:
            self._families.setdefault(self._family_key(item_id), set()).add(item_id)

    def _family_key(self, item_id: str) -> str:
        return tech_key(self.items[item_id].name or item_id)[1]

    def family(self, item_id: str) -> set[str]:
        """The items named like `item_id` once the IS/Clan marker is dropped (itself included)."""
        return self._families.get(self._family_key(item_id), {item_id})

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

    def resolve_mount(
        self, reference: str, unit_tech_base: str | None, slot_names: Iterable[str]
    ) -> Resolution:
        """A 'Mech mount's reference, weighed with its location's slot names and the unit's
        tech base (see the module's docstring)."""
        slots = frozenset(self._slot_evidence(name) for name in slot_names)
        key = (reference, unit_tech_base, slots)
        cached = self._mount_cache.get(key)
        if cached is None:
            cached = self._mount_cache[key] = self._weigh(
                self.resolve(reference), unit_tech_base, slots
            )
        return cached

    def _slot_evidence(self, name: str) -> SlotEvidence:
        """What a slot name says: the item it resolves to, its IS/Clan marker, and its
        letters (sorted, so MegaMek's `LBXAC10` meets the catalog's `LB 10-X AC`)."""
        said = self._slot_cache.get(name)
        if said is None:
            tech, key = tech_key(name)
            said = self._slot_cache[name] = (
                self.resolve(name).equipment_id,
                tech,
                "".join(sorted(key)),
            )
        return said

    def _named_by_slots(self, options: set[str], slots: frozenset[SlotEvidence]) -> set[str]:
        """The options a slot name names: by resolving to it with no contrary marker, or by
        the same letters and a marker of the option's tech base."""
        named = set()
        for option in options:
            tech_base = self.items[option].tech_base
            letters = "".join(sorted(self._family_key(option)))
            for item_id, tech, slot_letters in slots:
                if (item_id == option and tech in (None, tech_base)) or (
                    tech == tech_base and slot_letters == letters
                ):
                    named.add(option)
        return named

    def _weigh(
        self,
        plain: Resolution,
        unit_tech_base: str | None,
        slots: frozenset[SlotEvidence],
    ) -> Resolution:
        if plain.equipment_id is not None:
            options = self.family(plain.equipment_id)
        else:
            options = set(plain.candidates)
        if not options:
            return plain
        mech_options = {i for i in options if for_mechs(i, self.items[i])}
        correction: Correction | None = None
        if mech_options and mech_options != options:
            options = mech_options
            correction = "mech_item"
        chosen: str | None = None
        marker = tech_key(plain.reference)[0]
        if len(options) == 1:
            chosen = next(iter(options))
        elif marker is not None and plain.equipment_id in options:
            # The reference names its tech base itself (`clan-er-large-laser`, `CLERPPC`):
            # not lossy, so nothing else overrules it.
            chosen = plain.equipment_id
        elif len(named := self._named_by_slots(options, slots)) == 1:
            chosen, correction = next(iter(named)), "slot_name"
        elif unit_tech_base in (_CLAN, _INNER_SPHERE):
            own = {i for i in options if self.items[i].tech_base == unit_tech_base}
            if plain.equipment_id in own:
                chosen = plain.equipment_id
            elif len(own) == 1:
                chosen, correction = next(iter(own)), "unit_tech_base"
        if chosen is None and plain.equipment_id in options:
            chosen = plain.equipment_id
        if chosen is None:  # a tie the evidence leaves: never guessed
            return Resolution(plain.reference, None, None, tuple(sorted(options)))
        if chosen == plain.equipment_id:
            return plain
        return Resolution(
            plain.reference,
            plain.step or "normalized",
            chosen,
            correction=correction,
            corrected_from=plain.equipment_id,
        )

    def crit_slots(self, item_id: str) -> int | None:
        entry = self.items.get(item_id)
        return entry.crit_slots if entry is not None else None

    def resolve_all(self, references: Iterable[str]) -> list[Resolution]:
        return [self.resolve(reference) for reference in references]
