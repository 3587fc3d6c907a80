"""Named Cypher: loading by name, headers, and that every file declares what it uses."""

from __future__ import annotations

import re

import pytest

from graphstore import QueryNotFoundError, queries
from graphstore.resources import resource_dir

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT_OR_STRING = re.compile(r"//[^\n]*|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def test_a_known_query_loads_with_its_header() -> None:
    query = queries.load("health/node_count")
    assert query.name == "health/node_count"
    assert "Counts every node" in query.description
    assert "RETURN count(n) AS nodes" in query.cypher


def test_an_unknown_name_is_a_clear_error() -> None:
    with pytest.raises(QueryNotFoundError, match="no named query 'rules/nope'"):
        queries.load("rules/nope")


@pytest.mark.parametrize("name", ["../etc/passwd", "Health/Node_Count", "health/", ""])
def test_a_malformed_name_is_refused(name: str) -> None:
    with pytest.raises(QueryNotFoundError, match="not a query name"):
        queries.load(name)


def test_parameters_and_metadata_are_read_from_the_header(tmp_path, monkeypatch) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "q.cypher").write_text(
        "// Finds a unit.\n// @param id: the unit id\n// @severity: error\n"
        "MATCH (u {id: $id}) RETURN u\n"
    )
    monkeypatch.setattr(queries, "resource_dir", lambda _: tmp_path)
    queries.load.cache_clear()
    try:
        query = queries.load("demo/q")
    finally:
        queries.load.cache_clear()
    assert query.parameters == {"id": "the unit id"}
    assert query.metadata == {"severity": "error"}
    assert query.description == "Finds a unit."


@pytest.mark.parametrize("name", queries.available())
def test_every_shipped_query_documents_itself_and_its_parameters(name: str) -> None:
    query = queries.load(name)
    assert query.description, f"{name} needs a comment header saying what it does"
    body = _COMMENT_OR_STRING.sub("", query.text)
    used = set(_PARAMETER.findall(body))
    assert used == set(query.parameters), f"{name}: uses {used}, declares {set(query.parameters)}"


def test_no_cypher_literals_in_python_outside_the_engine_adapter() -> None:
    package = resource_dir("cypher").parent / "graphstore"
    api = package.parent / "api"
    statement = re.compile(r"[\"'](MATCH|MERGE|CREATE|UNWIND|CALL|SHOW|DROP)\s[^\"']*[\"']")
    offenders = []
    for path in [*package.rglob("*.py"), *api.rglob("*.py")]:
        if path.name == "admin.py" and path.parent.name == "engine":
            continue
        offenders += [f"{path}:{m.group(0)[:40]}" for m in statement.finditer(path.read_text())]
    assert offenders == []
