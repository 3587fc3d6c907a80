"""The rules in plain Python, read straight from a GraphSpec. Tests only: Cypher must agree.

Each function mirrors the interpretation written in the header of cypher/rules/<id>.cypher.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from graphstore.store.enums import HEAT_PER_SINK, RulesLevel
from testkit.graph_spec import EquipmentSpec, GraphSpec, UnitSpec, is_category

LEVELS = [level.value for level in RulesLevel]
HEAT_PER_SINK_BY_NAME = {kind.value: per_sink for kind, per_sink in HEAT_PER_SINK.items()}
SEVERITY = {
    "conflict": "error",
    "missing_prerequisite": "error",
    "tech_base": "error",
    "intro_year": "error",
    "rules_level": "error",
    "location_restriction": "error",
    "slot_budget": "error",
    "tonnage_budget": "error",
    "heat_balance": "warning",
    "max_per_location": "error",
    "max_per_unit": "error",
    "unresolved_equipment": "warning",
}


@dataclass(frozen=True)
class Mount:
    item: EquipmentSpec
    location: str
    hypothetical: bool


@dataclass
class RefViolation:
    loadout_id: str
    rule: str
    severity: str
    equipment_id: str | None
    location: str | None
    proof: dict[str, Any]
    involves_candidate: bool
    status: str = "open"

    def key(self) -> tuple[Any, ...]:
        return violation_key(
            self.loadout_id,
            self.rule,
            self.severity,
            self.status,
            self.equipment_id,
            self.location,
            self.proof,
        )


def violation_key(
    loadout_id: str,
    rule: str,
    severity: str,
    status: str,
    equipment_id: str | None,
    location: str | None,
    proof: dict[str, Any],
) -> tuple[Any, ...]:
    frozen = tuple(
        sorted((k, tuple(sorted(set(v))) if isinstance(v, list) else v) for k, v in proof.items())
    )
    return (loadout_id, rule, severity, status, equipment_id, location, frozen)


class Reference:
    def __init__(self, spec: GraphSpec) -> None:
        self.spec = spec
        self.parent = {c.id: c.parent for c in spec.categories}

    def ancestors(self, category_id: str) -> set[str]:
        found: set[str] = set()
        current: str | None = category_id
        while current is not None and current not in found:
            found.add(current)
            current = self.parent.get(current)
        return found

    def member_of(self, item: EquipmentSpec) -> set[str]:
        return set().union(*(self.ancestors(c) for c in item.categories))

    def mounts(self, loadout_id: str, candidate: tuple[str, str] | None) -> list[Mount]:
        loadout = self.spec.loadout(loadout_id)
        found = [Mount(self.item(m.equipment_id), m.location, False) for m in loadout.mounts]
        if candidate is not None:
            found.append(Mount(self.item(candidate[0]), candidate[1], True))
        return found

    def item(self, equipment_id: str) -> EquipmentSpec:
        """An unresolved placeholder carries none of the catalog properties in the graph."""
        item = self.spec.item(equipment_id)
        if not item.unresolved:
            return item
        blank = {k: None for k in vars(item) if k not in ("id", "name", "categories")}
        return replace(item, **{**blank, "unresolved": True, "deleted": False})

    def violations(
        self, loadout_id: str, candidate: tuple[str, str] | None = None
    ) -> list[RefViolation]:
        loadout = self.spec.loadout(loadout_id)
        unit = self.spec.unit(loadout.unit_id)
        mounts = self.mounts(loadout_id, candidate)
        found: list[RefViolation] = []
        for check in (
            self.conflict,
            self.missing_prerequisite,
            self.tech_base,
            self.intro_year,
            self.rules_level,
            self.location_restriction,
            self.slot_budget,
            self.tonnage_budget,
            self.heat_balance,
            self.max_per_location,
            self.max_per_unit,
            self.unresolved_equipment,
        ):
            for rule, equipment_id, location, proof, involves, severity in check(unit, mounts):
                found.append(
                    RefViolation(
                        loadout_id,
                        rule,
                        severity or SEVERITY[rule],
                        equipment_id,
                        location,
                        proof,
                        involves,
                    )
                )
        overrides = [
            o
            for o in self.spec.overrides
            if (o.holder_kind, o.holder_id) in (("Loadout", loadout_id), ("Unit", unit.id))
        ]
        for v in found:
            if any(
                o.rule == v.rule and o.equipment_id in (None, v.equipment_id) for o in overrides
            ):
                v.status = "accepted"
        return found

    def explain(self, loadout_id: str, equipment_id: str, location: str) -> list[RefViolation]:
        return [
            v for v in self.violations(loadout_id, (equipment_id, location)) if v.involves_candidate
        ]

    def live_loadouts(self) -> list[str]:
        return sorted(
            lo.id
            for lo in self.spec.loadouts
            if not lo.deleted and not self.spec.unit(lo.unit_id).deleted
        )

    # -- rules: each yields (rule, equipment_id, location, proof, involves, severity) -------

    def _per_item(self, rule, mounts, test, proof):  # type: ignore[no-untyped-def]
        groups: dict[tuple[str, str], list[Mount]] = defaultdict(list)
        for m in mounts:
            if test(m):
                groups[(m.item.id, m.location)].append(m)
        for (item_id, location), group in groups.items():
            yield (
                rule,
                item_id,
                location,
                proof(group[0]),
                any(m.hypothetical for m in group),
                None,
            )

    def conflict(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        direct_pairs = {frozenset((a, b)) for a, b in self.spec.conflicts if not is_category(b)}
        conflict_categories: dict[str, set[str]] = defaultdict(set)
        for a, b in self.spec.conflicts:
            if is_category(b):
                conflict_categories[a].add(b)
        groups: dict[tuple[str, str, str], dict[str, Any]] = {}
        for a in mounts:
            for b in mounts:
                if a.item.id == b.item.id:
                    continue
                direct = frozenset((a.item.id, b.item.id)) in direct_pairs
                via = {c for c in conflict_categories[a.item.id] if c in self.member_of(b.item)}
                via |= {c for c in conflict_categories[b.item.id] if c in self.member_of(a.item)}
                if not direct and not via:
                    continue
                group = groups.setdefault(
                    (a.item.id, a.location, b.item.id),
                    {"direct": False, "via": set(), "involves": False},
                )
                group["direct"] |= direct
                group["via"] |= via
                group["involves"] |= a.hypothetical or b.hypothetical
        for (item_id, location, other), group in groups.items():
            proof = {"conflicts_with": other, "direct": group["direct"], "via": list(group["via"])}
            yield ("conflict", item_id, location, proof, group["involves"], None)

    def missing_prerequisite(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        groups: dict[tuple[str, str, str], bool] = {}
        for a in mounts:
            for source, target in self.spec.requires:
                if source != a.item.id:
                    continue
                others = [m.item for m in mounts if m.item.id != a.item.id]
                if is_category(target):
                    satisfied = any(target in self.member_of(o) for o in others)
                else:
                    satisfied = any(o.id == target for o in others)
                if not satisfied:
                    key = (a.item.id, a.location, target)
                    groups[key] = groups.get(key, False) or a.hypothetical
        for (item_id, location, target), involves in groups.items():
            kind = "Category" if is_category(target) else "Equipment"
            proof = {"requires": target, "requires_kind": kind}
            yield ("missing_prerequisite", item_id, location, proof, involves, None)

    def tech_base(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        known = ("INNER_SPHERE", "CLAN")
        return self._per_item(
            "tech_base",
            mounts,
            lambda m: (
                unit.tech_base in known
                and m.item.tech_base in known
                and m.item.tech_base != unit.tech_base
            ),
            lambda m: {"equipment_tech_base": m.item.tech_base, "unit_tech_base": unit.tech_base},
        )

    def intro_year(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        return self._per_item(
            "intro_year",
            mounts,
            lambda m: (
                m.item.intro_year is not None
                and unit.year is not None
                and m.item.intro_year > unit.year
            ),
            lambda m: {"intro_year": m.item.intro_year, "unit_year": unit.year},
        )

    def rules_level(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        if unit.rules_level not in LEVELS:
            return iter(())
        unit_rank = LEVELS.index(unit.rules_level)
        return self._per_item(
            "rules_level",
            mounts,
            lambda m: m.item.rules_level in LEVELS and LEVELS.index(m.item.rules_level) > unit_rank,
            lambda m: {
                "equipment_level": m.item.rules_level,
                "equipment_rank": LEVELS.index(m.item.rules_level),
                "unit_level": unit.rules_level,
                "unit_rank": unit_rank,
            },
        )

    def location_restriction(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        return self._per_item(
            "location_restriction",
            mounts,
            lambda m: (
                m.item.allowed_locations is not None and m.location not in m.item.allowed_locations
            ),
            lambda m: {"allowed_locations": list(m.item.allowed_locations or [])},
        )

    def unresolved_equipment(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        return self._per_item(
            "unresolved_equipment",
            mounts,
            lambda m: m.item.unresolved,
            lambda m: {
                "original_id": m.item.id.removeprefix("unresolved:"),
                "candidates": ["cand-a", "cand-b"],
            },
        )

    def slot_budget(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        for place in unit.locations:
            if place.crit_slots is None:
                continue
            here = [m for m in mounts if m.location == place.code]
            fixed = place.fixed_slots or 0
            mounted = sum(m.item.crit_slots or 0 for m in here)
            if fixed + mounted > place.crit_slots:
                proof = {
                    "used": fixed + mounted,
                    "capacity": place.crit_slots,
                    "fixed": fixed,
                    "mounted": mounted,
                }
                involves = any(m.hypothetical and (m.item.crit_slots or 0) > 0 for m in here)
                yield ("slot_budget", None, place.code, proof, involves, None)

    def tonnage_budget(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        used = sum(m.item.tonnage or 0 for m in mounts)
        known = unit.free_tonnage is not None
        budget = unit.free_tonnage if known else unit.tonnage
        if budget is not None and used > budget:
            proof = {
                "used": used,
                "budget": budget,
                "basis": "free_tonnage" if known else "tonnage",
            }
            involves = any(m.hypothetical and (m.item.tonnage or 0) > 0 for m in mounts)
            yield ("tonnage_budget", None, None, proof, involves, "error" if known else "warning")

    def heat_balance(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        weapon_heat = sum(m.item.heat or 0 for m in mounts if m.item.is_weapon is True)
        if unit.heat_dissipation is not None:
            dissipation, basis = unit.heat_dissipation, "unit"
        elif unit.heat_sink_count is not None:
            kind = (unit.heat_sink_type or "").upper()
            per_sink = HEAT_PER_SINK_BY_NAME.get(kind, 1)
            dissipation, basis = unit.heat_sink_count * per_sink, "heat_sinks"
        else:
            dissipation, basis = sum(m.item.heat_dissipation or 0 for m in mounts), "mounted"
        if weapon_heat > dissipation:
            proof = {"weapon_heat": weapon_heat, "dissipation": dissipation, "basis": basis}
            involves = any(
                m.hypothetical and m.item.is_weapon is True and (m.item.heat or 0) > 0
                for m in mounts
            )
            yield ("heat_balance", None, None, proof, involves, None)

    def max_per_location(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        groups: dict[tuple[str, str], list[Mount]] = defaultdict(list)
        for m in mounts:
            if m.item.max_per_location is not None:
                groups[(m.item.id, m.location)].append(m)
        for (item_id, location), group in groups.items():
            limit = group[0].item.max_per_location
            assert limit is not None
            if len(group) > limit:
                proof = {"count": len(group), "limit": limit}
                involves = any(m.hypothetical for m in group)
                yield ("max_per_location", item_id, location, proof, involves, None)

    def max_per_unit(self, unit: UnitSpec, mounts: list[Mount]):  # type: ignore[no-untyped-def]
        groups: dict[str, list[Mount]] = defaultdict(list)
        for m in mounts:
            if m.item.max_per_unit is not None:
                groups[m.item.id].append(m)
        for item_id, group in groups.items():
            limit = group[0].item.max_per_unit
            assert limit is not None
            if len(group) > limit:
                proof = {"count": len(group), "limit": limit}
                involves = any(m.hypothetical for m in group)
                yield ("max_per_unit", item_id, None, proof, involves, None)
