"""Index advice: every request-path query planned with its own example, and the label scans
found where a property predicate could use an index.

Each request-path query file states an `@example:` header line (its parameters as JSON)
and, when a label scan is what it must do, an `@scan:` line saying why. `advise` EXPLAINs
every one and sorts it:

- `index`: the plan reads an index;
- `no scan`: no label or all-node scan (and no index: the query reads no node by label);
- `scan (marked)`: it scans a label and says why (`@scan`);
- `scan`: it scans a label and does not say why: the advice names the properties its
  predicates read there, which `graphstore index create` turns into a migration;
- `opaque`: the local engine ran it without its cost-based planner, so the plan does not
  show whether it scans (graphstore.plans.QueryPlan.opaque); Neo4j plans all of them.

Request path: what the library and the API run for a caller (store, search, rules,
health), not the checks and repairs of `graphstore check`, which read everything by design.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from graphstore import queries
from graphstore.graph import Graph
from graphstore.indexes import list_indexes
from graphstore.plans import PlanStep, example_parameters, query_plan
from graphstore.queries import Query

Verdict = Literal["index", "no scan", "scan (marked)", "scan", "opaque"]
REQUEST_PATH = ("store/", "search/", "rules/", "health/", "history/")
NOT_REQUEST_PATH = ("store/checks/", "store/repairs/", "history/maintenance/")
SCAN_REASON = "scan"

_SCANNED = re.compile(r"\((?P<var>\w+):(?P<label>\w+)\)")


class QueryAdvice(BaseModel):
    query: str
    verdict: Verdict
    scans: list[str] = Field(
        default_factory=list,
        description="the plan's warnings: label and all-node scans, cartesian products",
    )
    reason: str | None = Field(default=None, description="the query's @scan reason")
    proposals: list[tuple[str, str]] = Field(
        default_factory=list, description="(label, property) pairs an index could serve"
    )

    @property
    def needs_attention(self) -> bool:
        return self.verdict == "scan"


def request_path_queries() -> list[str]:
    return [
        name
        for name in queries.available()
        if name.startswith(REQUEST_PATH)
        and not name.startswith(NOT_REQUEST_PATH)
        and "/fragments/" not in name
    ]


def _walk(steps: Iterable[PlanStep]) -> Iterable[tuple[PlanStep, PlanStep | None]]:
    def walk(step: PlanStep, parent: PlanStep | None) -> Iterable[tuple[PlanStep, PlanStep | None]]:
        yield step, parent
        for child in step.children:
            yield from walk(child, step)

    for step in steps:
        yield from walk(step, None)


def _scanned_properties(step: PlanStep, parent: PlanStep | None) -> list[tuple[str, str]]:
    """(label, property) for each property the scan's own filter, or the filter right above
    it, reads on the scanned variable."""
    found = _SCANNED.search(step.details) or _SCANNED.search(step.operator)
    if found is None:
        return []
    text = step.details + " " + (parent.details if parent and "Filter" in parent.operator else "")
    properties = re.findall(rf"\b{re.escape(found['var'])}\.(\w+)", text)
    return [(found["label"], prop) for prop in dict.fromkeys(properties)]


def advise(graph: Graph, names: Iterable[str | Query] | None = None) -> list[QueryAdvice]:
    """The advice for each query, by name or loaded (default: every request-path query)."""
    indexed = {
        (label, prop)
        for index in list_indexes(graph)
        for label in index.labels
        for prop in index.properties
    }
    advice = []
    for named in names or request_path_queries():
        query = named if isinstance(named, Query) else queries.load(named)
        plan = query_plan(graph, query, example_parameters(query))
        reason = query.metadata.get(SCAN_REASON)
        steps = list(_walk(plan.steps))
        scans = [s for s, _ in steps if s.operator in ("NodeByLabelScan", "AllNodesScan")]
        proposals = sorted(
            {
                pair
                for step, parent in steps
                if step.operator == "NodeByLabelScan"
                for pair in _scanned_properties(step, parent)
                if pair not in indexed
            }
        )
        verdict: Verdict
        # A cartesian product is shown, not judged: of two unique lookups it is one row.
        if scans or any(not w.startswith("cartesian") for w in plan.warnings):
            verdict = "scan (marked)" if reason else "scan"
        elif plan.opaque:
            verdict = "opaque"
        elif any(step.index or "Index" in step.operator for step, _ in steps):
            verdict = "index"
        else:
            verdict = "no scan"
        advice.append(
            QueryAdvice(
                query=query.name,
                verdict=verdict,
                scans=plan.warnings,
                reason=reason,
                proposals=proposals if verdict == "scan" else [],
            )
        )
    return advice
