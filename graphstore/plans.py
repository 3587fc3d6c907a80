"""A named query's plan as a readable tree: operators, estimated and actual rows, db hits,
the index used, and warnings for label scans, all-node scans and cartesian products.

The two engines describe plans differently, and this module is the one adapter between
them: Neo4j returns a tree of operators with their arguments, the local engine (ArcadeDB)
one node whose `string-representation` is an indented text tree (`+ NodeIndexSeek(u:Unit)
[index=Unit[id], ...]`). Both become the same `PlanStep` tree. Which description a plan is
comes from its shape, not from how we connected.

PROFILE runs the query, so it runs in a transaction that is rolled back: profiling a write
changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, Field

from graphstore import queries
from graphstore.engine import admin
from graphstore.errors import QueryNotFoundError, ValidationError
from graphstore.graph import SCOPE_PARAMETERS, Graph, scoped_parameters, translate_driver_errors
from graphstore.queries import Query

Mode = Literal["explain", "profile"]


class PlanStep(BaseModel):
    operator: str
    details: str = ""
    index: str | None = Field(default=None, description="the index this step reads, if any")
    estimated_rows: float | None = None
    rows: int | None = Field(default=None, description="rows produced (PROFILE only)")
    db_hits: int | None = Field(default=None, description="Neo4j PROFILE only")
    children: list[PlanStep] = Field(default_factory=list)


class QueryPlan(BaseModel):
    query: str
    mode: Mode
    steps: list[PlanStep]
    warnings: list[str]
    opaque: bool = Field(
        default=False,
        description="the engine ran the query without its cost-based planner (the local "
        "engine's traditional execution), so the steps do not show whether an index is used",
    )

    def render(self) -> str:
        """The plan as an indented text tree, then its warnings."""
        lines = [f"{self.mode.upper()} {self.query}"]
        lines += [line for step in self.steps for line in _render(step, 1)]
        lines += [f"warning: {warning}" for warning in self.warnings] or ["no warnings"]
        return "\n".join(lines)


def _render(step: PlanStep, depth: int) -> Iterable[str]:
    facts = [
        f"index {step.index}" if step.index else "",
        f"est. rows {step.estimated_rows:g}" if step.estimated_rows is not None else "",
        f"rows {step.rows}" if step.rows is not None else "",
        f"db hits {step.db_hits}" if step.db_hits is not None else "",
    ]
    said = "  ".join(fact for fact in facts if fact)
    detail = f" {step.details}" if step.details else ""
    yield f"{'  ' * depth}+ {step.operator}{detail}" + (f"  [{said}]" if said else "")
    for child in step.children:
        yield from _render(child, depth + 1)


def example_parameters(query: Query) -> dict[str, object]:
    """The query's `@example:` parameters; {} for a query without parameters."""
    name = query.name
    text = query.metadata.get("example")
    if text is None:
        if set(query.parameters) - set(SCOPE_PARAMETERS):  # the scope fills those in
            raise QueryNotFoundError(f"{name} declares parameters but no @example: line")
        return {}
    parameters = json.loads(text)
    if not isinstance(parameters, dict):
        raise QueryNotFoundError(f"{name}: @example must be a JSON object")
    return parameters


def filled_parameters(
    query: Query, given: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """`given`, plus every declared parameter it leaves out, from the query's `@example:`
    line (or null, which the queries read as "any"): all of them, and what was filled in.
    The scope's parameters are left to the scope."""
    example = example_parameters(query) if query.metadata.get("example") else {}
    filled = {
        name: example.get(name)
        for name in sorted(query.parameters)
        if name not in given and name not in SCOPE_PARAMETERS
    }
    return {**given, **filled}, filled


def parse_parameters(pairs: Iterable[str]) -> dict[str, Any]:
    """`k=v` pairs as parameters: each value as JSON when it parses (3, true, ["a"], null),
    else as the string it is."""
    parameters: dict[str, Any] = {}
    for pair in pairs:
        name, equals, raw = pair.partition("=")
        if not equals or not name:
            raise ValidationError([{"path": "param", "message": f"{pair!r} is not k=v"}])
        try:
            parameters[name] = json.loads(raw)
        except json.JSONDecodeError:
            parameters[name] = raw
    return parameters


def query_plan(
    graph: Graph, name: str | Query, parameters: Mapping[str, Any], *, mode: Mode = "explain"
) -> QueryPlan:
    """The plan of the named query with these parameters (every declared one is needed)."""
    query = name if isinstance(name, Query) else queries.load(name)
    name = query.name
    # The scope's parameters ($tenant, $owner_tenant) as a store would fill them: the default one.
    parameters = scoped_parameters(query, dict(parameters), None)
    declared = sorted(query.parameters)
    missing = sorted(set(declared) - set(parameters))
    unknown = sorted(set(parameters) - set(declared))
    if missing or unknown:
        wrong = [f"missing {', '.join(missing)}"] if missing else []
        wrong += [f"unknown {', '.join(unknown)}"] if unknown else []
        declares = ", ".join(declared) or "no parameters"
        message = f"{'; '.join(wrong)}; {name} declares {declares}"
        raise ValidationError([{"path": "param", "message": message}])
    with (
        translate_driver_errors(name),
        graph.driver.session(database=graph.database) as session,
        session.begin_transaction() as tx,
    ):
        summary = tx.run(admin.plan_statement(mode, query.cypher), dict(parameters)).consume()
        tx.rollback()
    plan = summary.profile if mode == "profile" else summary.plan
    steps = _steps(plan or {})
    return QueryPlan(
        query=name, mode=mode, steps=steps, warnings=_warnings(steps), opaque=_opaque(plan or {})
    )


def _steps(plan: Mapping[str, Any]) -> list[PlanStep]:
    text = plan.get("args", {}).get("string-representation")
    if str(plan.get("operatorType", "")).startswith("ArcadeDB.") and isinstance(text, str):
        return _from_text(text)
    return [_from_operator(plan)] if plan else []


def _opaque(plan: Mapping[str, Any]) -> bool:
    text = plan.get("args", {}).get("string-representation")
    return isinstance(text, str) and _TRADITIONAL in text


def _from_operator(plan: Mapping[str, Any]) -> PlanStep:
    """A Neo4j plan node: operatorType `NodeIndexSeek@neo4j`, args with Details and
    EstimatedRows, and (profiled) rows and dbHits."""
    args = plan.get("args", {})
    operator = str(plan.get("operatorType", "?")).split("@")[0]
    details = str(args.get("Details", ""))
    return PlanStep(
        operator=operator,
        details=details,
        index=details if "Index" in operator else None,
        estimated_rows=args.get("EstimatedRows"),
        rows=plan.get("rows", args.get("Rows")),
        db_hits=plan.get("dbHits", args.get("DbHits")),
        children=[_from_operator(child) for child in plan.get("children", [])],
    )


_TRADITIONAL = "Traditional Execution"
_STEP_LINE = re.compile(r"^(?P<indent>\s*)\+ (?P<text>.+?)\s*$")
_OPERATOR = re.compile(r"^(?P<operator>[A-Za-z]+(?: [A-Z]+(?![A-Za-z]))*)(?P<details>.*)$")
_INDEX = re.compile(r"index=(?P<index>\w+\[[^\]]*\])")
_ESTIMATED = re.compile(r"\brows=(?P<rows>[\d.]+)")
# ArcadeDB's traditional (non-optimised) plans scan every node for a node without a label.
_UNLABELLED_MATCH = re.compile(r"^MATCH NODE \((?P<var>\w+)\)")
_VARIABLE = re.compile(r"\((\w+)[:)]")
_ACTUAL = re.compile(r"\((?:[\d,.]+\S*s), (?P<rows>[\d,]+) rows\)$")


def _from_text(text: str) -> list[PlanStep]:
    """ArcadeDB's text tree. A plan it says was superseded (by a count push-down, say) was
    not run, so its lines are left out."""
    roots: list[PlanStep] = []
    stack: list[tuple[int, PlanStep]] = []
    superseded = False
    for line in text.splitlines():
        found = _STEP_LINE.match(line)
        if found is None:
            if "superseded by" in line:
                superseded = True
            elif line.startswith("Steps After"):
                superseded = False
            if line.strip() and not line[0].isspace():
                stack.clear()  # a new section: its first step is a root
            continue
        if superseded:
            continue
        step = _text_step(found["text"])
        depth = len(found["indent"])
        while stack and stack[-1][0] >= depth:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(step)
        stack.append((depth, step))
    return roots


def _text_step(text: str) -> PlanStep:
    actual = _ACTUAL.search(text)
    if actual:
        text = text[: actual.start()].rstrip()
    parts = _OPERATOR.match(text)
    operator, details = (parts["operator"], parts["details"].strip()) if parts else (text, "")
    index = _INDEX.search(text)
    estimated = _ESTIMATED.search(text)
    return PlanStep(
        operator=operator,
        details=details,
        index=index["index"] if index else None,
        estimated_rows=float(estimated["rows"]) if estimated else None,
        rows=int(actual["rows"].replace(",", "")) if actual else None,
    )


def _walk(steps: Iterable[PlanStep]) -> Iterable[PlanStep]:
    for step in steps:
        yield step
        yield from _walk(step.children)


def _warnings(steps: list[PlanStep]) -> list[str]:
    warnings: list[str] = []
    bound: set[str] = set()  # variables an earlier step matched: matching one again is no scan
    for step in _walk(steps):
        said = f"{step.operator} {step.details}".strip()
        unlabelled = _UNLABELLED_MATCH.match(said)
        if step.operator == "NodeByLabelScan":
            warnings.append(f"label scan: {said}")
        elif step.operator == "AllNodesScan" or (unlabelled and unlabelled["var"] not in bound):
            warnings.append(f"all-node scan: {said}")
        elif "CartesianProduct" in step.operator or "CARTESIAN PRODUCT" in step.operator:
            warnings.append(f"cartesian product: {said}")
        bound.update(_VARIABLE.findall(said))
    return warnings
