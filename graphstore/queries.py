"""Named Cypher: one query per file under cypher/, loaded by name.

A file starts with a `//` comment header. Plain lines describe the query; `@param NAME: text`
lines declare its parameters; any other `@key: value` line is metadata (rules use it for
their id and severity).

Fragments compose queries: a line `// @include store/fragments/unit_filter` is replaced by
that file's body (its header dropped, the line's indentation kept), and the fragment's
declared parameters become the query's too. Fragments live in folders named `fragments/`;
they are not queries of their own. `Query.text` is the expanded text, the one that runs and
the one the linter checks; `graphstore query show NAME` prints it for Neo4j Browser.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graphstore.errors import QueryNotFoundError
from graphstore.resources import resource_dir

_NAME = re.compile(r"^[a-z0-9_]+(/[a-z0-9_]+)*$")
_TAG = re.compile(r"^@(?P<key>[A-Za-z_]+)\s*(?P<arg>[A-Za-z_][A-Za-z0-9_]*)?\s*:\s*(?P<value>.*)$")
_INCLUDE = re.compile(r"^(?P<indent>[ \t]*)//\s*@include\s+(?P<name>\S+)\s*$")
FRAGMENT_FOLDER = "fragments"


@dataclass(frozen=True)
class Query:
    """A named Cypher query and what its header says about it."""

    name: str
    text: str
    description: str
    parameters: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)
    includes: tuple[str, ...] = ()
    """Every fragment expanded into `text`, nested ones included."""

    @property
    def cypher(self) -> str:
        return self.text


def _parse_header(text: str) -> tuple[str, dict[str, str], dict[str, str], int]:
    """The header's description, parameters and metadata, and how many lines it spans."""
    description: list[str] = []
    parameters: dict[str, str] = {}
    metadata: dict[str, str] = {}
    lines = text.splitlines()
    end = len(lines)
    for number, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("//") or _INCLUDE.match(raw):
            end = number
            break
        body = line[2:].strip()
        tag = _TAG.match(body)
        if tag and tag["key"] == "param" and tag["arg"]:
            parameters[tag["arg"]] = tag["value"].strip()
        elif tag and not tag["arg"]:
            metadata[tag["key"]] = tag["value"].strip()
        elif body:
            description.append(body)
    return " ".join(description), parameters, metadata, end


def is_fragment(name: str) -> bool:
    return FRAGMENT_FOLDER in name.split("/")[:-1]


def query_path(name: str) -> Path:
    return resource_dir("cypher") / f"{name}.cypher"


def _read(name: str, root: Path | None = None) -> str:
    if not _NAME.match(name):
        raise QueryNotFoundError(
            f"{name!r} is not a query name: use lower-case path segments like 'rules/conflict'"
        )
    path = query_path(name) if root is None else root / f"{name}.cypher"
    if not path.is_file():
        known = available() if root is None else []
        close = difflib.get_close_matches(name, known, n=5, cutoff=0.6)
        hint = (
            f"did you mean {', '.join(close)}?" if close else "`graphstore query list` lists them"
        )
        raise QueryNotFoundError(f"no named query {name!r} (looked for {path}); {hint}")
    return path.read_text(encoding="utf-8")


def _expand(
    name: str, text: str, parameters: dict[str, str], trail: tuple[str, ...]
) -> tuple[str, tuple[str, ...]]:
    """`text` with every include replaced; fragment parameters are added to `parameters`."""
    lines: list[str] = []
    included: list[str] = []
    for raw in text.splitlines():
        found = _INCLUDE.match(raw)
        if not found:
            lines.append(raw)
            continue
        fragment = found["name"]
        if not is_fragment(fragment):
            raise QueryNotFoundError(f"{name}: includes {fragment!r}, which is not a fragment")
        if fragment in trail:
            raise QueryNotFoundError(f"{name}: include cycle {' -> '.join([*trail, fragment])}")
        source = _read(fragment)
        _, own, _, header_end = _parse_header(source)
        for key, value in own.items():
            parameters.setdefault(key, value)
        body = "\n".join(source.splitlines()[header_end:]).strip("\n")
        body, nested = _expand(fragment, body, parameters, (*trail, fragment))
        included += [fragment, *nested]
        lines += [found["indent"] + line if line.strip() else line for line in body.splitlines()]
    return "\n".join(lines) + "\n", tuple(dict.fromkeys(included))


@cache
def load(name: str) -> Query:
    """The query stored in cypher/<name>.cypher, e.g. load("health/node_count")."""
    return _query(name, _read(name))


def load_from(root: Path, name: str) -> Query:
    """A query kept in another folder of named queries (benchmarks/cypher, say), written the
    same way; it may include the shipped fragments."""
    return _query(name, _read(name, root))


def _query(name: str, source: str) -> Query:
    description, parameters, metadata, _ = _parse_header(source)
    text, includes = _expand(name, source, parameters, (name,))
    return Query(name, text, description, parameters, metadata, includes)


@cache
def fragment_parameters(name: str) -> dict[str, str]:
    """The parameters a fragment declares (its own and those of what it includes)."""
    if not is_fragment(name):
        raise QueryNotFoundError(f"{name!r} is not a fragment (fragments live in fragments/)")
    source = _read(name)
    _, parameters, _, header_end = _parse_header(source)
    _expand(name, "\n".join(source.splitlines()[header_end:]), parameters, (name,))
    return parameters


@cache
def load_fragment(name: str) -> str:
    """A fragment's body as it is spliced into queries (its header dropped, includes expanded)."""
    if not is_fragment(name):
        raise QueryNotFoundError(f"{name!r} is not a fragment (fragments live in fragments/)")
    source = _read(name)
    _, parameters, _, header_end = _parse_header(source)
    body = "\n".join(source.splitlines()[header_end:])
    text, _ = _expand(name, body, dict(parameters), (name,))
    return text


def _names() -> list[str]:
    root = resource_dir("cypher")
    return sorted(p.relative_to(root).with_suffix("").as_posix() for p in root.rglob("*.cypher"))


def available(prefix: str = "") -> list[str]:
    """Every query name, optionally only those under a folder such as 'rules'."""
    return [n for n in _names() if n.startswith(prefix) and not is_fragment(n)]


def fragments() -> list[str]:
    """Every fragment name (files under a `fragments/` folder)."""
    return [n for n in _names() if is_fragment(n)]


def export() -> dict[str, str]:
    """Every query's expanded text by name: what the linter checks."""
    return {name: load(name).text for name in available()}
