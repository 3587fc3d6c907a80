"""Named Cypher: one query per file under cypher/, loaded by name.

A file starts with a `//` comment header. Plain lines describe the query; `@param NAME: text`
lines declare its parameters; any other `@key: value` line is metadata (rules use it for
their id and severity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graphstore.errors import QueryNotFoundError
from graphstore.resources import resource_dir

_NAME = re.compile(r"^[a-z0-9_]+(/[a-z0-9_]+)*$")
_TAG = re.compile(r"^@(?P<key>[A-Za-z_]+)\s*(?P<arg>[A-Za-z_][A-Za-z0-9_]*)?\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True)
class Query:
    """A named Cypher query and what its header says about it."""

    name: str
    text: str
    description: str
    parameters: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def cypher(self) -> str:
        return self.text


def _parse_header(text: str) -> tuple[str, dict[str, str], dict[str, str]]:
    description: list[str] = []
    parameters: dict[str, str] = {}
    metadata: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        tag = _TAG.match(body)
        if tag and tag["key"] == "param" and tag["arg"]:
            parameters[tag["arg"]] = tag["value"].strip()
        elif tag and not tag["arg"]:
            metadata[tag["key"]] = tag["value"].strip()
        elif body:
            description.append(body)
    return " ".join(description), parameters, metadata


def query_path(name: str) -> Path:
    return resource_dir("cypher") / f"{name}.cypher"


@cache
def load(name: str) -> Query:
    """The query stored in cypher/<name>.cypher, e.g. load("health/node_count")."""
    if not _NAME.match(name):
        raise QueryNotFoundError(
            f"{name!r} is not a query name: use lower-case path segments like 'rules/conflict'"
        )
    path = query_path(name)
    if not path.is_file():
        known = ", ".join(available()[:20])
        raise QueryNotFoundError(f"no named query {name!r} (looked for {path}); known: {known}")
    text = path.read_text(encoding="utf-8")
    description, parameters, metadata = _parse_header(text)
    return Query(name, text, description, parameters, metadata)


def available(prefix: str = "") -> list[str]:
    """Every query name, optionally only those under a folder such as 'rules'."""
    root = resource_dir("cypher")
    names = sorted(p.relative_to(root).with_suffix("").as_posix() for p in root.rglob("*.cypher"))
    return [n for n in names if n.startswith(prefix)]
