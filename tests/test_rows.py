"""row_of: a record as record.data() makes it, whatever the record holds."""

from __future__ import annotations

from graphstore.graph import Graph, row_of

QUERY = """
CREATE (a:RowProbe {name: 'a', n: 1})-[r:ROW_PROBE {w: 0.5}]->(b:RowProbe {name: 'b'})
WITH a, r, b
RETURN 'text' AS text, 3 AS integer, 2.5 AS real, true AS flag, null AS nothing,
  [1, [2, 'x'], {k: [null]}] AS nested, {inner: {deep: [true]}} AS map,
  a AS node, r AS relationship, [a, b] AS nodes, {held: b} AS node_in_map,
  datetime('2026-01-02T03:04:05Z') AS instant
"""


def test_row_of_equals_record_data_for_plain_and_graph_values(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        transaction = session.begin_transaction()
        try:
            record = transaction.run(QUERY).single(strict=True)
            whole = row_of(record)
            assert whole == record.data()
            assert whole["node"] == {"name": "a", "n": 1}  # data()'s form, not a Node
            for key, value in record.items():
                part = record.__class__([(key, value)])
                assert row_of(part) == part.data(), key
        finally:
            transaction.rollback()
