"""Indexes, managed the way the schema is: through migrations.

`list_indexes` shows every index with the engine's state and the migration that created it,
and flags one no migration declares. `plan_index` and `plan_drop` never run DDL: they write
the V/U migration pair that would (the migrator applies it, with its history and lock).
`rebuild` drops and recreates indexes from the statement of the migration that declared
them, to recover an index the engine reports broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from graphstore.engine import admin
from graphstore.errors import ValidationError
from graphstore.graph import Graph
from graphstore.migrations.lock import MigrationLock
from graphstore.migrations.schema_diff import Declaration, declarations
from graphstore.migrations.script import discover, split_statements
from graphstore.resources import resource_dir

IndexType = Literal["RANGE", "TEXT"]
_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


class IndexInfo(BaseModel):
    name: str
    type: str
    entity: str
    labels: list[str]
    properties: list[str]
    state: str | None
    population_percent: float | None
    constraint: str | None
    """The constraint that owns this index (a uniqueness constraint's), if any."""
    migration: str | None
    """The versioned migration that declared it (or its constraint), e.g. V002; `migrator`
    for the migration lock's own constraint."""

    @property
    def unowned(self) -> bool:
        return self.migration is None


@dataclass(frozen=True)
class NewMigration:
    version: int
    description: str
    forward: str
    undo: str

    def write(self, directory: Path) -> list[Path]:
        """Writes V<NNN>__... and U<NNN>__... into `directory`; refuses to overwrite, or to
        take a version another migration written meanwhile has taken."""
        if list(directory.glob(f"V{self.version:03d}__*.cypher")):
            message = f"version {self.version} is taken meanwhile; plan the change again"
            raise ValidationError([{"path": "version", "message": message}])
        written = []
        for kind, text in (("V", self.forward), ("U", self.undo)):
            path = directory / f"{kind}{self.version:03d}__{self.description}.cypher"
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
            written.append(path)
        return written


def _migrations(directory: Path | None) -> tuple[Path, dict[str, Declaration], int]:
    """The migrations folder, what its versioned scripts declare, and their latest version."""
    folder = directory or resource_dir("migrations")
    scripts = discover(folder)
    ordered = [scripts.versioned[version] for version in sorted(scripts.versioned)]
    return folder, declarations(ordered), scripts.latest_version or 0


def list_indexes(graph: Graph, directory: Path | None = None) -> list[IndexInfo]:
    """Every index the engine has, with its state and the migration that declared it."""
    return _indexes(graph, _migrations(directory)[1])


def _indexes(graph: Graph, declared: dict[str, Declaration]) -> list[IndexInfo]:
    found = []
    for row in admin.show_indexes(graph):
        owner = row.get("owningConstraint")
        origin = declared.get(owner or row["name"])
        found.append(
            IndexInfo(
                name=row["name"],
                type=str(row.get("type")),
                entity=str(row.get("entityType")),
                labels=list(row.get("labelsOrTypes") or []),
                properties=list(row.get("properties") or []),
                state=row.get("state"),
                population_percent=row.get("populationPercent"),
                constraint=owner,
                migration=origin.migration if origin else None,
            )
        )
    return sorted(found, key=lambda index: (index.labels, index.properties, index.name))


def plan_index(
    graph: Graph,
    label: str,
    prop: str,
    *,
    index_type: IndexType = "RANGE",
    relationship: bool = False,
    name: str | None = None,
    directory: Path | None = None,
) -> NewMigration:
    """The migration pair creating an index on `label`.`prop` (a relationship type with
    `relationship`); ValidationError when one exists already or an identifier is unsafe."""
    for what, value in (("label", label), ("property", prop)):
        if not _IDENTIFIER.fullmatch(value):
            raise ValidationError([{"path": what, "message": f"{value!r} is not a plain name"}])
    name = name or f"{label}_{prop}".lower()
    if not _NAME.fullmatch(name):
        raise ValidationError([{"path": "name", "message": f"{name!r}: use a-z, 0-9 and _"}])
    _, declared, latest = _migrations(directory)
    for index in _indexes(graph, declared):
        if index.labels == [label] and index.properties == [prop]:
            raise ValidationError(
                [{"path": "property", "message": f"{label}.{prop} already has index {index.name}"}]
            )
        if index.name == name:
            raise ValidationError([{"path": "name", "message": f"index {name} exists"}])
    # Written but not applied yet: a second migration for it would undo the first's index.
    for known, declaration in declared.items():
        if known == name or declaration.schema_object[1:] == ((label,), (prop,)):
            message = f"a migration already declares {known} on {label}.{prop}; apply it"
            raise ValidationError([{"path": "property", "message": message}])
    create = admin.index_statement(
        name, label, prop, text=index_type == "TEXT", relationship=relationship
    )
    return NewMigration(
        version=latest + 1,
        description=f"index_{name}",
        forward=f"// An index on {label}.{prop} (written by `graphstore index create`).\n"
        f"{create};\n",
        undo=f"// Undo: drop the index on {label}.{prop}.\n{admin.drop_index_statement(name)};\n",
    )


def plan_drop(graph: Graph, name: str, directory: Path | None = None) -> NewMigration:
    """The migration pair dropping index `name`; its undo recreates it as declared."""
    _, declared, latest = _migrations(directory)
    found = {index.name: index for index in _indexes(graph, declared)}
    index = found.get(name)
    if index is None:
        raise ValidationError([{"path": "name", "message": f"no index {name!r}"}])
    if index.constraint:
        message = (
            f"{name} backs constraint {index.constraint}: drop the constraint in a migration "
            "instead (the index goes with it)"
        )
        raise ValidationError([{"path": "name", "message": message}])
    origin = declared.get(name)
    if origin is None:
        message = f"{name} is declared by no migration; nothing would recreate it on undo"
        raise ValidationError([{"path": "name", "message": message}])
    return NewMigration(
        version=latest + 1,
        description=f"drop_index_{name}".lower(),
        forward=f"// Drop index {name} (written by `graphstore index drop`).\n"
        f"{admin.drop_index_statement(name)};\n",
        undo=f"// Undo: recreate {name} as {origin.migration} declared it.\n{origin.statement};\n",
    )


def rebuild(graph: Graph, name: str | None = None, directory: Path | None = None) -> list[str]:
    """Drops and recreates `name` (every migration-declared, non-constraint index when None)
    from its migration's statement, and creates one the engine lost; returns the names
    rebuilt."""
    _, declared, _ = _migrations(directory)
    present = {index.name: index for index in _indexes(graph, declared)}
    if name is not None:
        index = present.get(name)
        if index is not None and (index.constraint or name not in declared):
            why = "backs a constraint" if index.constraint else "is declared by no migration"
            raise ValidationError([{"path": "name", "message": f"{name} {why}"}])
        if index is None and name in declared and declared[name].kind != "INDEX":
            why = f"{name} is a constraint (its index is the engine's): rebuild indexes only"
            raise ValidationError([{"path": "name", "message": why}])
        if index is None and name not in declared:
            raise ValidationError([{"path": "name", "message": f"no index {name!r}"}])
    chosen = [
        index_name
        for index_name, declaration in declared.items()
        if declaration.kind == "INDEX"
        and (name is None or index_name == name)
        and not (index_name in present and present[index_name].constraint)
    ]
    # Under the migrations' lock: no migration changes the schema while an index is away.
    with MigrationLock(graph).held():
        for index_name in chosen:
            [statement] = split_statements(declared[index_name].statement)
            admin.recreate_index(graph, index_name, statement)
    return sorted(chosen)
