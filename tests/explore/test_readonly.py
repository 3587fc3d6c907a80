"""The explorer's refusal of updating Cypher, in plain Python: every form, however written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphstore.explore import refusal, saved_queries

UPDATING = [
    "CREATE (n:Unit {id: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) DELETE n",
    "MATCH (n:Unit) SET n.year = 1",
    "MATCH (n:Unit) SET n:Extra",
    "MATCH (n:Unit) REMOVE n.year",
    "MERGE (n:Unit {id: 'x'})",
    "MATCH (n) FOREACH (x IN [1] | SET n.y = x)",
    "CALL { CREATE (n:X) } IN TRANSACTIONS OF 10 ROWS",
    "MATCH (n) CALL (n) { SET n.x = 1 } IN TRANSACTIONS",
    "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
    "CREATE INDEX probe FOR (n:Unit) ON (n.year)",
    "DROP CONSTRAINT unit_id",
    "CREATE CONSTRAINT c FOR (n:X) REQUIRE n.id IS UNIQUE",
    "ALTER DATABASE neo4j SET ACCESS READ ONLY",
    "GRANT TRAVERSE ON GRAPH * TO reader",
    "CALL apoc.create.node(['X'], {})",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})",
    "CALL db.createLabel('X')",
    "CALL `apoc.create.node`(['X'], {})",
    "CALL /* a comment */ apoc.cypher.doIt('CREATE (n)', {})",
    "USE system CREATE USER x SET PASSWORD 'y'",
    "\\u0043REATE (n)",
    "MATCH (n) WITH n LIMIT 1 CREATE (n)-[:X]->(:Y)",
    "",
]
READING = [
    "MATCH (n:Unit) RETURN n LIMIT 5",
    "MATCH (n:Unit) WHERE n.chassis = 'CREATE' RETURN n",
    'MATCH (n) WHERE n.note = "DETACH DELETE n" RETURN n',
    "// delete nothing\nMATCH (n) RETURN count(n)",
    "/* SET x */ MATCH (n) RETURN n",
    "MATCH (n:`Set`) RETURN n",
    "CALL db.labels() YIELD label RETURN label",
    "CALL { MATCH (n:Unit) RETURN n } RETURN n",
    "MATCH (u:Unit) CALL (u) { MATCH (u)-[:HAS_LOADOUT]->(l) RETURN l } RETURN u, l",
    "MATCH (n) WHERE n.deleted_at IS NULL RETURN n.created_at, n.settings",
]


@pytest.mark.parametrize("query", UPDATING)
def test_every_updating_form_is_refused(query: str) -> None:
    assert refusal(query) is not None


@pytest.mark.parametrize("query", READING)
def test_reads_pass_even_with_keywords_in_strings_comments_and_names(query: str) -> None:
    assert refusal(query) is None


_KEYWORD_CASES = st.sampled_from(UPDATING[:-1])


def _disguise(query: str, flips: list[bool], padding: str) -> str:
    cased = "".join(c.swapcase() if flips[i % len(flips)] else c for i, c in enumerate(query))
    return cased.replace(" ", padding, 1)


@settings(max_examples=300, deadline=None)
@given(
    _KEYWORD_CASES,
    st.lists(st.booleans(), min_size=1, max_size=16),
    st.sampled_from([" ", "\n", "\t ", " /* x */ ", " // c\n", "  "]),
)
def test_no_casing_or_spacing_hides_an_update(query: str, flips: list[bool], pad: str) -> None:
    assert refusal(_disguise(query, flips, pad)) is not None


def test_every_saved_query_reads() -> None:
    offered = saved_queries()
    assert offered, "the explorer offers the named read queries"
    assert all(refusal(q.text) is None for q in offered)
    assert [q.name for q in offered if q.guided] == [
        "explore/conflicts_with",
        "explore/unit_and_stock_loadout",
        "explore/why_invalid",
    ]
    assert not any(q.name.startswith("store/unit_create") for q in offered)
