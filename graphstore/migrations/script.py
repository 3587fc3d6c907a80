"""Migration files: naming, statement splitting, schema/data classification and checksums.

- `V<NNN>__<description>.cypher` moves the schema forward to version NNN.
- `U<NNN>__<description>.cypher` undoes V<NNN> (optional; rollback refuses without it).
- `R__<description>.cypher` is repeatable: re-applied whenever its checksum changes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from graphstore.errors import MigrationError

_FILE_NAME = re.compile(
    r"^(?P<kind>[VUR])(?P<version>\d+)?__(?P<description>[A-Za-z0-9_]+)\.cypher$"
)
_SCHEMA_STATEMENT = re.compile(
    r"^(CREATE|DROP)\s+(OR\s+REPLACE\s+)?([A-Z]+\s+)?(CONSTRAINT|INDEX)\b", re.IGNORECASE
)


class ScriptKind(StrEnum):
    VERSIONED = "V"
    UNDO = "U"
    REPEATABLE = "R"


def split_statements(text: str) -> list[str]:
    """Splits Cypher on `;`, except inside strings, backtick names and comments.

    Comments are dropped and each statement is stripped; empty statements vanish.
    """
    statements: list[str] = []
    current: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        pair = text[i : i + 2]
        if pair == "//":
            end = text.find("\n", i)
            i = n if end == -1 else end
            continue
        if pair == "/*":
            end = text.find("*/", i + 2)
            if end == -1:
                raise MigrationError("unterminated /* comment")
            current.append(" ")
            i = end + 2
            continue
        if char in "'\"`":
            j = i + 1
            while j < n and text[j] != char:
                j += 2 if text[j] == "\\" and char != "`" else 1
            if j >= n:
                raise MigrationError(f"unterminated {char} quote starting at offset {i}")
            current.append(text[i : j + 1])
            i = j + 1
            continue
        if char == ";":
            statements.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    statements.append("".join(current))
    return [s.strip() for s in statements if s.strip()]


def normalize(statement: str) -> str:
    """Whitespace-insensitive form, so reformatting a file does not change its checksum."""
    parts = re.split(r"('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`)", statement)
    return "".join(p if i % 2 else re.sub(r"\s+", " ", p) for i, p in enumerate(parts)).strip()


def is_schema_statement(statement: str) -> bool:
    return bool(_SCHEMA_STATEMENT.match(statement))


@dataclass(frozen=True)
class MigrationScript:
    kind: ScriptKind
    version: int | None
    description: str
    path: Path
    statements: tuple[str, ...]

    @property
    def checksum(self) -> str:
        digest = hashlib.sha256()
        for statement in self.statements:
            digest.update(normalize(statement).encode("utf-8"))
            digest.update(b"\n")
        return digest.hexdigest()

    @property
    def key(self) -> str:
        """What the history knows this script by: the version, or R:<description>."""
        return f"R:{self.description}" if self.version is None else str(self.version)

    @property
    def schema_statements(self) -> list[str]:
        return [s for s in self.statements if is_schema_statement(s)]

    def phases(self) -> tuple[list[str], list[str], list[str]]:
        """(leading schema, data, trailing schema) statements, in the order they run.

        Neo4j forbids schema and data writes in one transaction, so the data statements run
        together in one transaction between the schema statements around them. A schema
        statement between two data statements would make that order ambiguous: refused.
        """
        leading: list[str] = []
        data: list[str] = []
        trailing: list[str] = []
        for statement in self.statements:
            if not is_schema_statement(statement):
                if trailing:
                    raise MigrationError(
                        f"{self.path.name}: a schema statement stands between data statements; "
                        "split it into two migrations"
                    )
                data.append(statement)
            elif data:
                trailing.append(statement)
            else:
                leading.append(statement)
        return leading, data, trailing

    @property
    def label(self) -> str:
        return self.path.name


def parse_script(path: Path) -> MigrationScript:
    match = _FILE_NAME.match(path.name)
    if not match:
        raise MigrationError(
            f"{path.name}: migration files are named V<NNN>__<words>.cypher, "
            "U<NNN>__<words>.cypher or R__<words>.cypher"
        )
    kind = ScriptKind(match["kind"])
    if (kind is ScriptKind.REPEATABLE) != (match["version"] is None):
        raise MigrationError(f"{path.name}: V and U files need a version number, R files none")
    try:
        statements = split_statements(path.read_text(encoding="utf-8"))
    except MigrationError as error:
        raise MigrationError(f"{path.name}: {error}") from error
    version = int(match["version"]) if match["version"] else None
    script = MigrationScript(kind, version, match["description"], path, tuple(statements))
    script.phases()  # refuses an ambiguous mix early, at discovery
    return script


@dataclass(frozen=True)
class ScriptSet:
    versioned: dict[int, MigrationScript]
    undo: dict[int, MigrationScript]
    repeatable: dict[str, MigrationScript]

    @property
    def latest_version(self) -> int | None:
        return max(self.versioned, default=None)


def discover(directory: Path) -> ScriptSet:
    """Every migration script in `directory`, checked for duplicate versions and stray undos."""
    versioned: dict[int, MigrationScript] = {}
    undo: dict[int, MigrationScript] = {}
    repeatable: dict[str, MigrationScript] = {}
    for path in sorted(directory.glob("*.cypher")):
        script = parse_script(path)
        if script.kind is ScriptKind.REPEATABLE:
            repeatable[script.description] = script
            continue
        assert script.version is not None
        target = versioned if script.kind is ScriptKind.VERSIONED else undo
        if script.version in target:
            raise MigrationError(
                f"two {script.kind.value} scripts for version {script.version}: "
                f"{target[script.version].path.name} and {path.name}"
            )
        target[script.version] = script
    stray = sorted(set(undo) - set(versioned))
    if stray:
        raise MigrationError(f"undo scripts without a forward migration: versions {stray}")
    return ScriptSet(versioned, undo, repeatable)
