"""Why V002 uses TEXT indexes for name search: the local engine has no FULLTEXT index.

If the first test starts failing, the engine gained full-text indexes and V002 could use
them on both engines (docs: README, "Schema migrations").
"""

from __future__ import annotations

import os

import pytest

from graphstore import Graph, QueryError
from graphstore.migrations import migrate
from graphstore.search import autocomplete


@pytest.mark.skipif(
    bool(os.environ.get("GRAPHSTORE_TEST_URI")), reason="a real Neo4j has FULLTEXT indexes"
)
def test_the_local_engine_rejects_fulltext_indexes(graph: Graph) -> None:
    with pytest.raises(QueryError, match=r"(?i)fulltext|only standard, range and text"):
        graph.write_transaction(
            lambda tx: tx.run(
                "CREATE FULLTEXT INDEX probe_fulltext IF NOT EXISTS "
                "FOR (n:Equipment) ON EACH [n.name]"
            ).consume()
        )


def test_the_text_index_fallback_serves_prefix_and_word_search(graph: Graph) -> None:
    migrate(graph)
    graph.write_transaction(
        lambda tx: tx.run(
            "UNWIND $names AS name "
            "CREATE (:Equipment {id: toLower(name), name: name, search_name: toLower(name)})",
            names=["Medium Laser", "ER Medium Laser", "Large Laser", "Medium Pulse Laser"],
        ).consume()
    )
    names = [s.name for s in autocomplete(graph, "medium las")]
    assert names[0] == "Medium Laser", "a whole-query prefix match ranks first"
    assert set(names) == {"Medium Laser", "ER Medium Laser", "Medium Pulse Laser"}
    text_indexes = {
        row["name"]
        for row in graph.driver.execute_query(
            "SHOW INDEXES YIELD name, properties WHERE 'search_name' IN properties RETURN name",
            database_=graph.database,
        ).records
    }
    assert text_indexes == {"equipment_search_name", "unit_search_name"}
