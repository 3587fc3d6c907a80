"""The rule registry: every `cypher/rules/<id>.cypher` file is one rule.

A rule file's header declares `@id`, `@severity` (error or warning) and its `@param` lines;
its description is the rest of the header. Every rule takes the same `$checks` parameter,
starts with the same prelude (the loadout, its unit and its mounts, plus the hypothetical
mount of a check), then a `// rule body` line, and returns the same columns. So each file
runs on its own (in Neo4j Browser too), and the engine runs them all as one query: the
prelude once, then every body as a branch of one UNION ALL subquery.
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
BODY_MARKER = "// rule body"
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

    @property
    def prelude(self) -> str:
        return self.query.text.split(BODY_MARKER, 1)[0].strip()

    @property
    def body(self) -> str:
        return self.query.text.split(BODY_MARKER, 1)[1].strip()


def _rule_from(query: Query) -> Rule:
    rule_id = query.metadata.get("id")
    severity = query.metadata.get("severity")
    expected_id = query.name.removeprefix(f"{RULE_FOLDER}/")
    if rule_id != expected_id:
        raise RuleDefinitionError(f"{query.name}: @id must be {expected_id!r}, not {rule_id!r}")
    if severity not in ("error", "warning"):
        raise RuleDefinitionError(f"{query.name}: @severity must be error or warning")
    if query.text.count(BODY_MARKER) != 1:
        raise RuleDefinitionError(f"{query.name}: needs exactly one {BODY_MARKER!r} line")
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
    """Every rule as one query: the shared prelude once, the bodies under UNION ALL.

    The pieces are whole shipped .cypher files, never input, so this assembly is not the
    string building the house rules forbid. It saves a round trip per rule and evaluates
    the loadout's mounts once instead of once per rule.
    """
    every = rules()
    preludes = {_comment_free(r.prelude) for r in every}
    if len(preludes) != 1:
        raise RuleDefinitionError("every rule must start with the same prelude")
    prelude = _comment_free(every[0].prelude)
    branches = "\nUNION ALL\n".join(r.body for r in every)
    columns = ", ".join(RULE_COLUMNS)
    text = f"{prelude}\nCALL (check, loadout, unit, mounts) {{\n{branches}\n}}\nRETURN {columns}\n"
    return Query(
        name="rules/all",
        text=text,
        description="Every compatibility rule in one query.",
        parameters={"checks": every[0].parameters["checks"]},
    )


def _comment_free(text: str) -> str:
    lines = (line for line in text.splitlines() if not line.strip().startswith("//"))
    return "\n".join(line for line in lines if line.strip())
