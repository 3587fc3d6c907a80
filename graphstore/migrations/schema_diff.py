"""`schema diff`: the live constraints and indexes (SHOW) against what applied migrations declare.

The declared schema comes from replaying the CREATE/DROP CONSTRAINT/INDEX statements of every
applied migration in order. Objects are compared by name, labels and properties, not by index
type: the local engine reports TEXT indexes as RANGE, and that is not drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphstore import queries
from graphstore.engine import admin
from graphstore.graph import Graph
from graphstore.migrations.script import MigrationScript, split_statements

CREATE_SCHEMA_OBJECT = re.compile(
    r"^CREATE\s+(?:[A-Z]+\s+)?(?P<kind>CONSTRAINT|INDEX)\s+`?(?P<name>\w+)`?"
    r"(?:\s+IF\s+NOT\s+EXISTS)?\s+FOR\s+(?P<pattern>\(.*?\)(?:-\[.*?\]-\(\))?)\s+"
    r"(?:ON|REQUIRE)\s+\(?(?P<props>[^)]*?)\)?(?:\s+IS\s|\s*$)",
    re.IGNORECASE | re.DOTALL,
)
DROP_SCHEMA_OBJECT = re.compile(
    r"^DROP\s+(?P<kind>CONSTRAINT|INDEX)\s+`?(?P<name>\w+)`?", re.IGNORECASE
)
_LABEL = re.compile(r":\s*`?(\w+)`?")
_PROPERTY = re.compile(r"\w+\.`?(\w+)`?")

SchemaObject = tuple[str, tuple[str, ...], tuple[str, ...]]
"""(kind, labels or types, properties)"""


@dataclass
class SchemaDrift:
    missing: list[str] = field(default_factory=list)
    """Declared by applied migrations, absent from the database."""
    unexpected: list[str] = field(default_factory=list)
    """In the database, declared by no applied migration."""
    different: list[str] = field(default_factory=list)
    """Present under the declared name, on other labels or properties."""

    @property
    def clean(self) -> bool:
        return not (self.missing or self.unexpected or self.different)


def declared_schema(scripts: list[MigrationScript]) -> dict[str, SchemaObject]:
    declared: dict[str, SchemaObject] = {}
    statements = [s for script in scripts for s in script.statements]
    # The runner's own lock constraint is part of every migrated schema.
    statements += split_statements(queries.load("migrations/lock_constraint").text)
    for statement in statements:
        created = CREATE_SCHEMA_OBJECT.match(statement)
        if created:
            labels = tuple(_LABEL.findall(created["pattern"]))
            properties = tuple(_PROPERTY.findall(created["props"]))
            declared[created["name"]] = (created["kind"].upper(), labels, properties)
            continue
        dropped = DROP_SCHEMA_OBJECT.match(statement)
        if dropped:
            declared.pop(dropped["name"], None)
    return declared


def live_schema(graph: Graph) -> dict[str, SchemaObject]:
    live: dict[str, SchemaObject] = {}
    for row in admin.show_constraints(graph):
        live[row["name"]] = (
            "CONSTRAINT",
            tuple(row["labelsOrTypes"] or ()),
            tuple(row["properties"] or ()),
        )
    for row in admin.show_indexes(graph):
        if row.get("owningConstraint") or row.get("type") == "LOOKUP":
            continue
        live[row["name"]] = (
            "INDEX",
            tuple(row["labelsOrTypes"] or ()),
            tuple(row["properties"] or ()),
        )
    return live


def schema_diff(graph: Graph, applied_scripts: list[MigrationScript] | None = None) -> SchemaDrift:
    if applied_scripts is None:
        from graphstore.migrations.runner import Migrator

        applied_scripts = Migrator(graph).applied_scripts()
    declared = declared_schema(applied_scripts)
    live = live_schema(graph)
    drift = SchemaDrift()
    for name, expected in sorted(declared.items()):
        actual = live.get(name)
        if actual is None:
            drift.missing.append(f"{expected[0].lower()} {name} on {_describe(expected)}")
        elif actual != expected:
            drift.different.append(
                f"{expected[0].lower()} {name}: declared on {_describe(expected)}, "
                f"live on {_describe(actual)}"
            )
    for name, actual in sorted(live.items()):
        if name not in declared:
            drift.unexpected.append(f"{actual[0].lower()} {name} on {_describe(actual)}")
    return drift


def _describe(obj: SchemaObject) -> str:
    return f"{':'.join(obj[1])}({', '.join(obj[2])})"
