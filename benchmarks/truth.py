"""Truthful validation: how many published designs of the corpus the validator calls illegal.

    python -m benchmarks.truth [--corpus PATH] [--out bench-results/truth.json]

Runs a private local engine. Imports the corpus (catalog, units) and the rules pack, then
validates every stock loadout and counts, per rule, severity and cause, the violations and
the designs with at least one open error. Published designs are legal by construction, so
an error with cause "design" on one of them is either a validator bug or a real defect the
fixture tests/rules/fixtures/corpus_design_errors.json explains. The import itself is timed
(seconds and mounts per second), so the import speed can be compared in the same run.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.common import CORPUS, query, write_result
from graphstore import EngineSettings, Graph, LocalEngine, RulesEngine, connect, import_megamek
from graphstore.importer.rules_pack import import_rules
from graphstore.migrations import apply_pending
from graphstore.resources import rules_pack_path


def tally(engine: RulesEngine) -> dict[str, Any]:
    by_rule: Counter[str] = Counter()
    designs_by_rule: Counter[str] = Counter()
    with_error: dict[str, int] = Counter()
    examples: dict[str, list[str]] = {}
    loadouts = 0
    for result in engine.validate_all():
        loadouts += 1
        errors = [v for v in result.violations if v.is_blocking]
        causes = {v.cause for v in errors}
        for cause in causes:
            with_error[cause] += 1
        if errors:
            with_error["any"] += 1
        for rule in {(v.rule, v.cause) for v in errors}:
            designs_by_rule[f"{rule[0]}/{rule[1]}"] += 1
        for v in result.violations:
            key = f"{v.rule}/{v.severity}/{v.cause}"
            by_rule[key] += 1
            if v.is_blocking and v.cause == "design":
                shown = examples.setdefault(v.rule, [])
                if len(shown) < 8:
                    shown.append(f"{result.loadout_id}: {v.message}")
    return {
        "stock_designs": loadouts,
        "designs_with_error": dict(with_error),
        "design_error_share": round(with_error.get("design", 0) / max(loadouts, 1), 4),
        "designs_by_rule_and_cause": dict(sorted(designs_by_rule.items())),
        "violations_by_rule_severity_cause": dict(sorted(by_rule.items())),
        "design_error_examples": examples,
    }


def weights(graph: Graph) -> dict[str, Any]:
    """Structure (tonnage - free tonnage) plus mounted items against each design's tonnage."""
    rows = graph.read(query("truth/stock_weights"))
    known = [r for r in rows if r["free_tonnage"] is not None]
    over = sorted(
        (
            round(r["tonnage"] - r["free_tonnage"] + sum(r["item_tonnage"]) - r["tonnage"], 3),
            r["unit_id"],
        )
        for r in known
        if sum(r["item_tonnage"]) > r["free_tonnage"]
    )
    return {
        "designs": len(rows),
        "free_tonnage_known": len(known),
        "within_tonnage": len(known) - len(over),
        "within_share": round((len(known) - len(over)) / max(len(rows), 1), 4),
        "over_by_tons": [{"unit_id": unit_id, "over_t": tons} for tons, unit_id in over],
    }


def run(corpus: Path, out: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="graphstore-bench-truth-") as home:
        settings = EngineSettings(home=Path(home))
        local = LocalEngine(settings)
        local.start()
        try:
            with connect(engine_settings=settings, schema_guard=apply_pending) as graph:
                started = time.perf_counter()
                report = import_megamek(graph, corpus)
                import_s = time.perf_counter() - started
                import_rules(graph, rules_pack_path())
                result = {
                    "import": {
                        "seconds": round(import_s, 2),
                        "mounts_per_s": round(report.counts.mounts_total / import_s, 1),
                        "units": report.counts.units_imported,
                        "mounts": report.counts.mounts_total,
                        "unresolved": report.counts.mounts_unresolved,
                        "resolved_by_step": report.counts.mounts_resolved.model_dump(),
                        "corrections": {
                            kind: entry.count for kind, entry in report.corrections.items()
                        },
                    },
                    "weights": weights(graph),
                    **tally(RulesEngine(graph)),
                }
        finally:
            local.stop()
    write_result("truth", result, out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result = run(args.corpus, args.out)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
