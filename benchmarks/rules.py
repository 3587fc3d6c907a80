"""The rules engine on a generated graph: validate latency, validate_all, and the naive way.

    python -m benchmarks.rules [--units 2000] [--mounts 15] [--out bench-results/rules.json]

Runs a private local engine. Generates a catalog (items, a category tree, conflicts,
requirements, unresolved placeholders) and UNITS units with one loadout of MOUNTS mounts
each, then measures in one run:
- single-loadout `validate` latency (p50, p99) over random loadouts;
- `validate_all` over every loadout;
- `compatible_equipment` latency (p50, max) over random (loadout, location) pairs, with
  `include_excluded` (every catalog item judged and returned), against the per-item
  baseline (the combined rule query once per catalog item, how it used to work) on the
  same cases, whose violations must be the same;
- the naive approach: fetch each loadout (one query per loadout, and also in bulk batches)
  into Python and check it there with the plain-Python reference rules from the tests;
- the plan the engine reports for the rule query (PROFILE), and that the id lookups hit
  the unique-constraint indexes.
The naive results are compared with validate_all's per-rule counts, as a cross-check at
scale.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

from benchmarks.common import query
from graphstore import EngineSettings, Graph, LocalEngine, RulesEngine, connect
from graphstore.engine import admin
from graphstore.graph import run_named
from graphstore.migrations import apply_pending
from graphstore.rules import registry
from graphstore.rules.engine import OFFERABLE_QUERY
from testkit.graph_spec import (
    CategorySpec,
    EquipmentSpec,
    GraphSpec,
    LoadoutSpec,
    LocationSpec,
    MountSpec,
    OverrideSpec,
    UnitSpec,
)
from testkit.rules_reference import Reference

REPO = Path(__file__).resolve().parents[1]
LOCATIONS = {
    "HEAD": (6, 5),
    "CENTER_TORSO": (12, 10),
    "LEFT_TORSO": (12, 2),
    "RIGHT_TORSO": (12, 2),
    "LEFT_ARM": (12, 4),
    "RIGHT_ARM": (12, 4),
    "LEFT_LEG": (6, 4),
    "RIGHT_LEG": (6, 4),
}
LEVELS = ["INTRODUCTORY", "STANDARD", "ADVANCED", "EXPERIMENTAL", "UNOFFICIAL"]
TECH = ["INNER_SPHERE", "CLAN"]
RULES = [
    "tech_base",
    "intro_year",
    "slot_budget",
    "location_restriction",
    "conflict",
    "heat_balance",
]


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def generate(units: int, mounts: int, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(seed)
    categories: list[dict[str, Any]] = []
    for index in range(24):
        parent = rng.choice([None, *[c["id"] for c in categories]]) if index > 3 else None
        cid = f"cat-{index}"
        categories.append({"id": cid, "name": cid, "path": cid, "parent_id": parent})
    items: list[dict[str, Any]] = []
    for index in range(400):
        weapon = rng.random() < 0.5
        sink = not weapon and rng.random() < 0.2
        props: dict[str, Any] = {
            "id": f"eq-{index}",
            "name": f"Item {index}",
            "search_name": f"item {index}",
            "tech_base": rng.choice(TECH),
            "rules_level": rng.choices(LEVELS, weights=[3, 6, 3, 2, 1])[0],
            "intro_year": rng.randint(2450, 3100),
            "tonnage": rng.randint(1, 4) / 2,
            "crit_slots": rng.randint(1, 3),
            "heat": rng.randint(1, 8) if weapon else 0,
            "heat_dissipation": 2 if sink else None,
            "is_weapon": weapon,
        }
        if rng.random() < 0.15:
            props["allowed_locations"] = rng.sample(sorted(LOCATIONS), 3)
        if rng.random() < 0.05:
            props["max_per_location"] = 1
        if rng.random() < 0.05:
            props["max_per_unit"] = 2
        chosen = rng.sample([c["id"] for c in categories], rng.randint(1, 2))
        items.append({"props": props, "categories": chosen})
    placeholders = [
        {
            "id": f"unresolved:Mystery{index}",
            "original_id": f"Mystery{index}",
            "name": f"Mystery{index}",
            "candidates": [],
        }
        for index in range(5)
    ]
    item_ids = [i["props"]["id"] for i in items]
    targets = item_ids + [c["id"] for c in categories]
    conflicts = [{"from_id": rng.choice(item_ids), "to_id": rng.choice(targets)} for _ in range(60)]
    # Requirements mostly name a category ("needs some ammunition"), which designs satisfy.
    requirements = [
        {
            "from_id": rng.choice(item_ids),
            "to_id": rng.choice(item_ids) if rng.random() < 0.2 else rng.choice(targets[400:]),
        }
        for _ in range(40)
    ]
    unit_rows: list[dict[str, Any]] = []
    mount_rows: list[dict[str, Any]] = []
    override_rows: list[dict[str, Any]] = []
    for index in range(units):
        unit_id = f"unit-{index}"
        tonnage = rng.choice(range(35, 105, 5))
        unit_rows.append(
            {
                "props": {
                    "id": unit_id,
                    "name": f"Unit {index}",
                    "tech_base": rng.choices([*TECH, "MIXED"], weights=[6, 3, 1])[0],
                    "rules_level": rng.choices(LEVELS[1:], weights=[2, 4, 3, 1])[0],
                    "year": rng.randint(3025, 3150),
                    "tonnage": tonnage,
                    "free_tonnage": tonnage * 0.45 if rng.random() < 0.8 else None,
                    "heat_dissipation": rng.randint(25, 45) if rng.random() < 0.8 else None,
                    "heat_sink_count": rng.randint(10, 20),
                    "heat_sink_type": rng.choice(["SINGLE", "DOUBLE"]),
                },
                "loadout": {
                    "id": f"{unit_id}.stock",
                    "name": "Stock",
                    "unit_id": unit_id,
                    "is_stock": True,
                },
                "locations": [
                    {
                        "id": f"{unit_id}/{code}",
                        "unit_id": unit_id,
                        "code": code,
                        "crit_slots": capacity,
                        "fixed_slots": fixed,
                    }
                    for code, (capacity, fixed) in LOCATIONS.items()
                ],
            }
        )
        unit = unit_rows[-1]["props"]
        rank = LEVELS.index(unit["rules_level"])
        # Mostly valid designs, as canon data is: items the unit may carry, placed where they
        # fit. About 1 mount in 50 ignores the rules, so every rule has something to find.
        eligible = [
            item
            for item in items
            if item["props"]["tech_base"] == unit["tech_base"] or unit["tech_base"] == "MIXED"
            if item["props"]["intro_year"] <= unit["year"]
            if LEVELS.index(item["props"]["rules_level"]) <= rank
        ]
        free = {code: capacity - fixed for code, (capacity, fixed) in LOCATIONS.items()}
        for mount in range(mounts):
            if rng.random() < 0.003:
                equipment_id, location = placeholders[0]["id"], rng.choice(sorted(LOCATIONS))
            elif rng.random() < 0.02 or not eligible:
                item = rng.choice(items)["props"]
                equipment_id, location = item["id"], rng.choice(sorted(LOCATIONS))
            else:
                item = rng.choice(eligible)["props"]
                places = [
                    code
                    for code in item.get("allowed_locations") or sorted(LOCATIONS)
                    if free[code] >= item["crit_slots"]
                ] or sorted(LOCATIONS)
                equipment_id, location = item["id"], rng.choice(places)
                free[location] -= item["crit_slots"]
            mount_rows.append(
                {
                    "loadout_id": f"{unit_id}.stock",
                    "equipment_id": equipment_id,
                    "mount_id": f"{unit_id}.stock#{mount}",
                    "location": location,
                    "quantity": 1,
                }
            )
        if rng.random() < 0.05:
            override_rows.append(
                {
                    "loadout_id": f"{unit_id}.stock",
                    "id": f"ov-{index}",
                    "rule": rng.choice(RULES),
                    "equipment_id": None,
                }
            )
    return {
        "categories": categories,
        "items": items,
        "placeholders": placeholders,
        "conflicts": conflicts,
        "requirements": requirements,
        "units": unit_rows,
        "mounts": mount_rows,
        "overrides": override_rows,
    }


def load(graph: Graph, data: dict[str, list[dict[str, Any]]]) -> None:
    steps = [
        ("categories", query("rules/create_categories"), 1),
        ("items", query("rules/create_equipment"), 500),
        ("placeholders", query("rules/create_placeholders"), 500),
        ("conflicts", query("rules/create_conflicts"), 500),
        ("requirements", query("rules/create_requirements"), 500),
        ("units", query("rules/create_units"), 250),
        ("mounts", query("rules/create_mounts"), 2000),
        ("overrides", query("rules/create_overrides"), 500),
    ]
    for key, step, size in steps:
        for chunk in _chunks(data[key], size):
            graph.write(step, rows=list(chunk))


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_validate(engine: RulesEngine, ids: list[str], calls: int) -> dict[str, float]:
    rng = random.Random(11)
    for loadout_id in rng.sample(ids, min(50, len(ids))):
        engine.validate(loadout_id)
    samples = []
    for loadout_id in (rng.choice(ids) for _ in range(calls)):
        started = time.perf_counter()
        engine.validate(loadout_id)
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "calls": calls,
        "p50_ms": round(statistics.median(samples), 2),
        "p99_ms": round(_percentile(samples, 0.99), 2),
        "mean_ms": round(statistics.fmean(samples), 2),
        "max_ms": round(max(samples), 2),
    }


def per_item_checks(
    engine: RulesEngine, loadout_id: str, location: str
) -> dict[str, list[tuple[Any, ...]]]:
    """The way compatible_equipment used to work, as a baseline: the combined rule query
    once per catalog item (a check with that item as a hypothetical mount), batched, keeping
    the rows the item is involved in. Returns each item's violations, comparable with
    `_violation_keys` of compatible_equipment's."""

    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        catalog = run_named(tx, OFFERABLE_QUERY)
        rows: list[dict[str, Any]] = [{"check_key": item["id"]} for item in catalog]
        for batch in _chunks(catalog, engine.batch_size):
            checks = [
                {
                    "key": item["id"],
                    "loadout_id": loadout_id,
                    "equipment_id": item["id"],
                    "location": location,
                }
                for item in batch
            ]
            rows += run_named(tx, registry.combined_query(), checks=checks, **registry.constants())
        return rows

    found: dict[str, list[tuple[Any, ...]]] = {}
    for row in engine.graph.read_transaction(work):
        keys = found.setdefault(row["check_key"], [])
        if row.get("involves_candidate"):
            proof = {
                k: sorted(set(v)) if isinstance(v, list) else v
                for k, v in (row["proof"] or {}).items()
            }
            severity = row["severity"] or registry.rule(row["rule"]).severity
            keys.append(
                (
                    row["rule"],
                    severity,
                    row["equipment_id"],
                    row["location"],
                    row["message"],
                    repr(sorted(proof.items())),
                )
            )
    return {key: sorted(value) for key, value in found.items()}


def _violation_keys(candidates: list[Any]) -> dict[str, list[tuple[Any, ...]]]:
    return {
        c.equipment_id: sorted(
            (
                v.rule,
                v.severity,
                v.equipment_id,
                v.location,
                v.message,
                repr(sorted(v.proof.items())),
            )
            for v in c.violations
        )
        for c in candidates
    }


def measure_compatible(engine: RulesEngine, ids: list[str], calls: int) -> dict[str, Any]:
    """compatible_equipment(include_excluded=True) on random loadouts and locations, and the
    per-item baseline on the same cases, interleaved so that both see the same load."""
    rng = random.Random(13)
    cases = [(rng.choice(ids), rng.choice(sorted(LOCATIONS))) for _ in range(calls + 2)]
    for loadout_id, location in cases[:2]:
        engine.compatible_equipment(loadout_id, location, include_excluded=True)
        per_item_checks(engine, loadout_id, location)
    samples, baseline = [], []
    offered = compatible = 0
    same = True
    for loadout_id, location in cases[2:]:
        started = time.perf_counter()
        found = engine.compatible_equipment(loadout_id, location, include_excluded=True)
        samples.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        expected = per_item_checks(engine, loadout_id, location)
        baseline.append((time.perf_counter() - started) * 1000)
        same = same and _violation_keys(found) == expected
        offered += len(found)
        compatible += sum(1 for candidate in found if candidate.compatible)
    return {
        "calls": calls,
        "include_excluded": True,
        "p50_ms": round(statistics.median(samples), 1),
        "mean_ms": round(statistics.fmean(samples), 1),
        "max_ms": round(max(samples), 1),
        "items_judged_per_call": offered // calls,
        "compatible_per_call_mean": round(compatible / calls, 1),
        "per_item_checks_p50_ms": round(statistics.median(baseline), 1),
        "speedup_p50": round(statistics.median(baseline) / statistics.median(samples), 2),
        "same_violations_as_per_item_checks": same,
    }


class Naive:
    """Fetch each loadout into Python and check it there with the reference rules."""

    UNIT_FIELDS = (
        "tech_base",
        "rules_level",
        "year",
        "tonnage",
        "free_tonnage",
        "heat_dissipation",
        "heat_sink_count",
        "heat_sink_type",
    )
    ITEM_FIELDS = (
        "name",
        "tech_base",
        "rules_level",
        "intro_year",
        "tonnage",
        "crit_slots",
        "heat",
        "heat_dissipation",
        "is_weapon",
        "allowed_locations",
        "max_per_location",
        "max_per_unit",
    )

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        catalog = graph.read(query("rules/naive_catalog"))[0]
        self.categories = [CategorySpec(c["id"], c["parent_id"]) for c in catalog["categories"]]
        self.membership: dict[str, list[str]] = {}
        for row in catalog["memberships"]:
            self.membership.setdefault(row["equipment_id"], []).append(row["category_id"])
        self.conflicts = [(p["from_id"], p["to_id"]) for p in catalog["conflicts"]]
        self.requires = [(p["from_id"], p["to_id"]) for p in catalog["requirements"]]

    def check(self, row: dict[str, Any]) -> Counter[str]:
        unit_props = row["unit"]
        unit = UnitSpec(
            unit_props["id"],
            **{k: unit_props.get(k) for k in self.UNIT_FIELDS},
            locations=[
                LocationSpec(p["code"], p.get("crit_slots"), p.get("fixed_slots"))
                for p in row["locations"]
            ],
        )
        items: dict[str, EquipmentSpec] = {}
        for mount in row["mounts"]:
            props = mount["equipment"]
            items[props["id"]] = EquipmentSpec(
                props["id"],
                **{k: props.get(k) for k in self.ITEM_FIELDS},
                categories=self.membership.get(props["id"], []),
                unresolved=mount["unresolved"],
            )
        overrides = [
            OverrideSpec(o["id"], "Loadout", row["loadout_id"], o["rule"], o.get("equipment_id"))
            for o in row["overrides"]
        ] + [
            OverrideSpec(o["id"], "Unit", unit.id, o["rule"], o.get("equipment_id"))
            for o in row["unit_overrides"]
        ]
        spec = GraphSpec(
            units=[unit],
            equipment=list(items.values()),
            categories=self.categories,
            conflicts=self.conflicts,
            requires=self.requires,
            loadouts=[
                LoadoutSpec(
                    row["loadout_id"],
                    unit.id,
                    [MountSpec(m["equipment"]["id"], m["location"]) for m in row["mounts"]],
                )
            ],
            overrides=overrides,
        )
        found = Reference(spec).violations(row["loadout_id"])
        return Counter(f"{v.rule}:{v.status}:{v.severity}" for v in found)

    def run(self, ids: list[str], batch: int) -> tuple[float, Counter[str]]:
        totals: Counter[str] = Counter()
        started = time.perf_counter()
        for chunk in _chunks(ids, batch):
            for row in self.graph.read(query("rules/naive_fetch"), loadout_ids=list(chunk)):
                totals += self.check(row)
        return time.perf_counter() - started, totals


def _operators(node: Any, found: list[str]) -> list[str]:
    if isinstance(node, dict):
        found.append(str(node.get("operatorType", "?")))
        for child in node.get("children", []):
            _operators(child, found)
    return found


def _index_lines(node: Any) -> list[str]:
    """Plan lines that name an index, from any textual plan description the engine gives."""
    found: set[str] = set()
    if isinstance(node, dict):
        for value in node.get("args", {}).values():
            if isinstance(value, str):
                found |= {
                    line.strip()[:160] for line in value.splitlines() if "index" in line.lower()
                }
            elif isinstance(value, list):
                found |= {str(item)[:160] for item in value if "index" in str(item).lower()}
        for child in node.get("children", []):
            found |= set(_index_lines(child))
    return sorted(found)


def profile(graph: Graph, loadout_id: str) -> dict[str, Any]:
    """What the engine says about the combined rule query's plan, and the schema it can use."""
    query = registry.combined_query()
    check = {"key": "", "loadout_id": loadout_id, "equipment_id": None, "location": None}
    observed: dict[str, Any] = {}
    for mode in ("PROFILE", "EXPLAIN"):
        # A shipped query's text behind PROFILE/EXPLAIN: a benchmark-only diagnostic.
        with graph.driver.session(database=graph.database) as session:
            summary = session.run(
                f"{mode} {query.cypher}", {"checks": [check], **registry.constants()}
            ).consume()
        plan = summary.profile or summary.plan
        observed[mode.lower()] = {
            "plan_returned": plan is not None,
            "operators": sorted(set(_operators(plan, []))),
            "index_lines": _index_lines(plan),
        }
    per_rule: dict[str, list[str]] = {}
    for rule in registry.rules():
        with graph.driver.session(database=graph.database) as session:
            summary = session.run(
                f"PROFILE {rule.query.cypher}", {"checks": [check], **rule.constants()}
            ).consume()
        per_rule[rule.id] = _index_lines(summary.profile)
    observed["index_lines_per_rule"] = per_rule
    observed["id_indexes"] = sorted(
        index["name"] for index in admin.show_indexes(graph) if index.get("owningConstraint")
    )
    return observed


def index_effect(graph: Graph, engine: RulesEngine, ids: list[str]) -> dict[str, Any]:
    """validate latency with and without the Loadout id constraint (its RANGE index)."""
    with_index = measure_validate(engine, ids, 100)
    graph.write(query("rules/drop_loadout_id_constraint"))
    try:
        dropped = not any(
            i.get("owningConstraint") == "loadout_id" for i in admin.show_indexes(graph)
        )
        without = measure_validate(engine, ids, 100)
    finally:
        graph.write(query("rules/restore_loadout_id_constraint"))
    return {
        "index_gone_after_drop": dropped,
        "with_index_p50_ms": with_index["p50_ms"],
        "without_index_p50_ms": without["p50_ms"],
    }


def run(
    units: int, mounts: int, calls: int, out: Path, compatible_calls: int = 20
) -> dict[str, Any]:
    data = generate(units, mounts)
    with tempfile.TemporaryDirectory(prefix="graphstore-bench-rules-") as home:
        settings = EngineSettings(home=Path(home))
        local = LocalEngine(settings)
        local.start()
        try:
            with connect(engine_settings=settings, schema_guard=apply_pending) as graph:
                started = time.perf_counter()
                load(graph, data)
                load_s = time.perf_counter() - started
                engine = RulesEngine(graph)
                ids = [u["loadout"]["id"] for u in data["units"]]

                single = measure_validate(engine, ids, calls)
                compatible = measure_compatible(engine, ids, compatible_calls)

                started = time.perf_counter()
                run_all = engine.validate_all()
                summary = run_all.run()
                validate_all_s = time.perf_counter() - started

                naive = Naive(graph)
                naive_each_s, naive_counts = naive.run(ids, 1)
                naive_bulk_s, naive_bulk_counts = naive.run(ids, 250)

                cypher_counts: Counter[str] = Counter()
                for rule_id, count in summary.by_rule.items():
                    severity = registry.rule(rule_id).severity
                    other = "warning" if severity == "error" else "error"
                    # tonnage_budget downgrades to warning; the summary counts by status.
                    cypher_counts[f"{rule_id}:open:{severity}"] += (
                        count.errors if severity == "error" else count.warnings
                    )
                    cypher_counts[f"{rule_id}:open:{other}"] += (
                        count.warnings if severity == "error" else count.errors
                    )
                    cypher_counts[f"{rule_id}:accepted:*"] += count.accepted
                plan = profile(graph, ids[0])
                indexes = index_effect(graph, engine, ids)
        finally:
            local.stop()

    def collapse(counts: Counter[str]) -> dict[str, int]:
        folded: Counter[str] = Counter()
        for key, value in counts.items():
            rule_id, status, severity = key.split(":")
            folded[f"{rule_id}:{status}:{'*' if status == 'accepted' else severity}"] += value
        return {k: v for k, v in sorted(folded.items()) if v}

    result = {
        "benchmark": "rules engine (local engine)",
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "graph": {
            "units": units,
            "loadouts": units,
            "mounts": len(data["mounts"]),
            "catalog_items": len(data["items"]),
            "categories": len(data["categories"]),
            "conflicts": len(data["conflicts"]),
            "requirements": len(data["requirements"]),
            "rules": len(registry.rules()),
            "load_s": round(load_s, 2),
        },
        "validate_single": single,
        "compatible_equipment": compatible,
        "validate_all": {
            "seconds": round(validate_all_s, 3),
            "loadouts_per_s": round(units / validate_all_s, 1),
            "batch_size": engine.batch_size,
            "loadouts_with_errors": summary.loadouts_with_errors,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "accepted": summary.accepted,
            "by_rule": {k: v.model_dump() for k, v in sorted(summary.by_rule.items())},
        },
        "naive_python": {
            "one_query_per_loadout_s": round(naive_each_s, 3),
            "bulk_fetch_batches_of_250_s": round(naive_bulk_s, 3),
            "ratio_naive_per_loadout_to_validate_all": round(naive_each_s / validate_all_s, 2),
            "ratio_naive_bulk_to_validate_all": round(naive_bulk_s / validate_all_s, 2),
            "same_violation_counts_as_cypher": collapse(naive_counts) == collapse(cypher_counts)
            and naive_counts == naive_bulk_counts,
        },
        "plan": plan,
        "index_effect": indexes,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--mounts", type=int, default=15)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--compatible-calls", type=int, default=20)
    parser.add_argument("--out", type=Path, default=REPO / "bench-results" / "rules.json")
    arguments = parser.parse_args()
    print(
        json.dumps(
            run(
                arguments.units,
                arguments.mounts,
                arguments.calls,
                arguments.out,
                arguments.compatible_calls,
            ),
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
