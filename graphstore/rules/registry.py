"""The rule registry: every `cypher/rules/<id>.cypher` file is one rule.

A rule file's header declares `@id`, `@severity` (error or warning) and its `@param` lines;
its description is the rest of the header. Every rule takes the same `$checks` parameter
and returns the same columns, so the engine can run them all as one UNION ALL query.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal, cast

from graphstore import queries
from graphstore.errors import RuleDefinitionError
from graphstore.queries import Query

Severity = Literal["error", "warning"]

RULE_FOLDER = "rules"
RULE_PARAMETERS = frozenset({"checks"})
RULE_COLUMNS = (
    "check_key",
    "loadout_id",
    "rule",
    "severity",
    "equipment_id",
    "location",
    "message",
    "proof",
    "involves_candidate",
)


@dataclass(frozen=True)
class Rule:
    """One compatibility rule as its Cypher file declares it."""

    id: str
    severity: Severity
    description: str
    parameters: dict[str, str]
    query: Query


def _rule_from(query: Query) -> Rule:
    rule_id = query.metadata.get("id")
    severity = query.metadata.get("severity")
    expected_id = query.name.removeprefix(f"{RULE_FOLDER}/")
    if rule_id != expected_id:
        raise RuleDefinitionError(f"{query.name}: @id must be {expected_id!r}, not {rule_id!r}")
    if severity not in ("error", "warning"):
        raise RuleDefinitionError(f"{query.name}: @severity must be error or warning")
    if set(query.parameters) != RULE_PARAMETERS:
        raise RuleDefinitionError(f"{query.name}: a rule takes exactly {sorted(RULE_PARAMETERS)}")
    return Rule(
        id=rule_id,
        severity=cast(Severity, severity),
        description=query.description,
        parameters=dict(query.parameters),
        query=query,
    )


@cache
def rules() -> tuple[Rule, ...]:
    """Every registered rule, in id order. Support queries live in rules/support/."""
    names = [
        name
        for name in queries.available(f"{RULE_FOLDER}/")
        if "/" not in name.removeprefix(f"{RULE_FOLDER}/")
    ]
    return tuple(_rule_from(queries.load(name)) for name in names)


def rule(rule_id: str) -> Rule:
    for candidate in rules():
        if candidate.id == rule_id:
            return candidate
    known = ", ".join(r.id for r in rules())
    raise RuleDefinitionError(f"no rule {rule_id!r}; known rules: {known}")


@cache
def combined_query() -> Query:
    """All rules as one query: each rule file's text, joined with UNION ALL.

    The pieces are whole shipped .cypher files, never input, so this join is not the string
    building the house rules forbid; it saves one round trip per rule.
    """
    separator = "\nUNION ALL\n"
    text = separator.join(r.query.text.strip() for r in rules())
    return Query(
        name="rules/all",
        text=text,
        description="Every compatibility rule, combined with UNION ALL.",
        parameters={"checks": rules()[0].parameters["checks"]},
    )
