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


def test_an_unknown_name_lists_the_close_matches() -> None:
    with pytest.raises(QueryNotFoundError, match="did you mean store/unit_get") as raised:
        queries.load("store/unit_gte")
    assert "health" not in str(raised.value)


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


def _scratch(tmp_path, monkeypatch, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = tmp_path / f"{name}.cypher"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.setattr(queries, "resource_dir", lambda _: tmp_path)
    queries.load.cache_clear()


def test_an_include_is_expanded_with_its_indentation_and_parameters(tmp_path, monkeypatch) -> None:
    _scratch(
        tmp_path,
        monkeypatch,
        {
            "demo/fragments/live": "// Only live nodes.\n// @param cutoff: a time\n"
            "WHERE n.deleted_at IS NULL\n  AND n.at < $cutoff\n",
            "demo/q": "// Finds.\n// @param id: an id\nMATCH (n {id: $id})\n"
            "  // @include demo/fragments/live\nRETURN n\n",
        },
    )
    try:
        query = queries.load("demo/q")
        assert query.text.splitlines()[3:6] == [
            "  WHERE n.deleted_at IS NULL",
            "    AND n.at < $cutoff",
            "RETURN n",
        ]
        assert query.parameters == {"id": "an id", "cutoff": "a time"}
        assert query.includes == ("demo/fragments/live",)
        assert queries.available() == ["demo/q"]
        assert queries.fragments() == ["demo/fragments/live"]
    finally:
        queries.load.cache_clear()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"demo/q": "// Q.\n// @include demo/other\nRETURN 1\n", "demo/other": "RETURN 2\n"},
         "not a fragment"),
        ({"demo/q": "// Q.\n// @include demo/fragments/a\n",
          "demo/fragments/a": "// A.\n// @include demo/fragments/a\n"}, "include cycle"),
        ({"demo/q": "// Q.\n// @include demo/fragments/gone\n"}, "no named query"),
    ],
)  # fmt: skip
def test_a_broken_include_is_a_clear_error(tmp_path, monkeypatch, files, message) -> None:
    _scratch(tmp_path, monkeypatch, files)
    try:
        with pytest.raises(QueryNotFoundError, match=message):
            queries.load("demo/q")
    finally:
        queries.load.cache_clear()


def test_every_fragment_is_used() -> None:
    used = {fragment for name in queries.available() for fragment in queries.load(name).includes}
    assert set(queries.fragments()) - used == set()
