"""The rule registry: every `cypher/rules/<id>.cypher` file is one rule, stated once.

A rule file's header declares `@id`, `@severity` (error or warning), its `@param`s and what
the rule means. Its body starts with `// @include rules/fragments/checks` (the shared
prelude), then a `// rule body` line, then the rule, returning RULE_COLUMNS. The prelude
turns each *check* into the loadout, its unit and its mounts, plus the check's hypothetical
extra mount if it names one; the body judges `mounts` and says in `involves_candidate`
whether a row concerns the hypothetical mount. So one body serves both forms:

- the whole-loadout form (validate): checks without a hypothetical mount;
- the candidate form (explain, compatible_equipment): one check per candidate item, keeping
  only the rows that involve it.

Each file runs on its own, in Neo4j Browser too (`graphstore query show rules/<id>`). The
engine runs them all as one query: the prelude once, then every body as a branch of one
UNION ALL subquery. Constants a rule needs (the order of rules levels, heat per sink type)
come from Python's enums as parameters (RULE_CONSTANTS), never restated in Cypher.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, cast

from graphstore import queries
from graphstore.errors import RuleDefinitionError
from graphstore.queries import Query
from graphstore.store.enums import heat_per_sink, level_rank

Severity = Literal["error", "warning"]

RULE_FOLDER = "rules"
PRELUDE = "rules/fragments/checks"
BODY_MARKER = "// rule body"
CHECKS = "checks"
RULE_CONSTANTS: dict[str, Any] = {"level_rank": level_rank(), "heat_per_sink": heat_per_sink()}
RULE_COLUMNS = (
    "check_key",
    "loadout_id",
    "rule",
    "severity",
    "equipment_id",
    "location",
    "message",
    "proof",
    "cause",
    "source_note",
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
    def body(self) -> str:
        return self.query.text.split(BODY_MARKER, 1)[1].strip()

    def constants(self) -> dict[str, Any]:
        """The RULE_CONSTANTS this rule reads."""
        return {name: RULE_CONSTANTS[name] for name in self.parameters if name != CHECKS}


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
    if query.includes[:1] != (PRELUDE,) or _statements(_before_body(query)) != _statements(
        queries.load_fragment(PRELUDE)
    ):
        raise RuleDefinitionError(
            f"{query.name}: must start with `// @include {PRELUDE}` and nothing else before "
            f"{BODY_MARKER!r}: that prelude is what derives both forms of the rule"
        )
    unknown = set(query.parameters) - {CHECKS} - set(RULE_CONSTANTS)
    if unknown:
        raise RuleDefinitionError(
            f"{query.name}: unknown parameters {sorted(unknown)}; a rule takes {CHECKS!r} and "
            f"any of {sorted(RULE_CONSTANTS)}"
        )
    missing = [column for column in RULE_COLUMNS if f" AS {column}" not in query.text]
    if missing:
        raise RuleDefinitionError(f"{query.name}: returns no {', '.join(missing)}")
    return Rule(
        id=rule_id,
        severity=cast(Severity, severity),
        description=query.description,
        parameters=dict(query.parameters),
        query=query,
    )


def _before_body(query: Query) -> str:
    return query.text.split(BODY_MARKER, 1)[0]


def _statements(text: str) -> str:
    """Text without comments and blank lines."""
    lines = (line for line in text.splitlines() if not line.strip().startswith("//"))
    return "\n".join(line for line in lines if line.strip())


@cache
def rules() -> tuple[Rule, ...]:
    """Every registered rule, in id order. Shared pieces live in rules/fragments/."""
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
    string building the house rules forbid. It saves a round trip per rule and reads each
    loadout's mounts once instead of once per rule.
    """
    every = rules()
    prelude = _statements(queries.load_fragment(PRELUDE))
    branches = "\nUNION ALL\n".join(r.body for r in every)
    columns = ", ".join(RULE_COLUMNS)
    text = (
        f"{prelude}\nCALL (check, loadout, unit, places, mounts) {{\n{branches}\n}}\n"
        f"RETURN {columns}\n"
    )
    parameters: dict[str, str] = {}
    for each in every:
        parameters |= each.parameters
    return Query(
        name="rules/all",
        text=text,
        description="Every compatibility rule in one query.",
        parameters=parameters,
    )


def constants() -> dict[str, Any]:
    """The constant parameters of the combined query."""
    return {name: RULE_CONSTANTS[name] for name in combined_query().parameters if name != CHECKS}
