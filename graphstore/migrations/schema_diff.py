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


@dataclass(frozen=True)
class Declaration:
    """A constraint or index as the migrations leave it: what it is and who declared it."""

    kind: str
    labels: tuple[str, ...]
    properties: tuple[str, ...]
    migration: str
    """The declaring script's prefix (`V002`), or `migrator` for the runner's lock."""
    statement: str

    @property
    def schema_object(self) -> SchemaObject:
        return (self.kind, self.labels, self.properties)


MIGRATOR = "migrator"


def declarations(scripts: list[MigrationScript]) -> dict[str, Declaration]:
    """Every constraint and index name the scripts leave declared, replaying their CREATE and
    DROP statements in order, plus the runner's own lock constraint."""
    declared: dict[str, Declaration] = {}
    statements = [
        (script.path.name.split("__")[0], statement)
        for script in scripts
        for statement in script.statements
    ]
    lock = queries.load("migrations/lock_constraint").text
    statements += [(MIGRATOR, statement) for statement in split_statements(lock)]
    for origin, statement in statements:
        created = CREATE_SCHEMA_OBJECT.match(statement)
        if created:
            declared[created["name"]] = Declaration(
                kind=created["kind"].upper(),
                labels=tuple(_LABEL.findall(created["pattern"])),
                properties=tuple(_PROPERTY.findall(created["props"])),
                migration=origin,
                statement=statement,
            )
            continue
        dropped = DROP_SCHEMA_OBJECT.match(statement)
        if dropped:
            declared.pop(dropped["name"], None)
    return declared


def declared_schema(scripts: list[MigrationScript]) -> dict[str, SchemaObject]:
    return {name: d.schema_object for name, d in declarations(scripts).items()}


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
