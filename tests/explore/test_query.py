"""The explorer's query endpoint on the real local engine: rows and graph, refusals that
change nothing (the graph hash proves it), rollback as the second wall, limits, errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graphstore import Graph, graph_hash
from graphstore.errors import QueryRefusedError
from graphstore.explore import ExploreQuery, run_read_only
from graphstore.explore import run as explore_run
from graphstore.queries import Query
from tests.explore.test_readonly import UPDATING


def load(name: str) -> Query:
    """Test-only probes: the index names (SHOW INDEXES works on both engines)."""
    assert name == "explore/probe_indexes"
    return Query(name, "SHOW INDEXES YIELD name RETURN name", "the index names", {})


def test_a_query_answers_rows_and_the_graph_they_hold(client: TestClient) -> None:
    answer = client.post(
        "/v1/explore/query",
        json={
            "query": "MATCH (u:Unit {id: $id})-[owns:HAS_LOADOUT]->(l:Loadout)"
            "-[m:MOUNTS]->(e:Equipment) RETURN u, owns, l, m, e",
            "params": {"id": "hunchback-hbk-4g"},
        },
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["columns"] == ["u", "owns", "l", "m", "e"]
    assert body["rows"]
    labels = {label for node in body["graph"]["nodes"] for label in node["labels"]}
    assert {"Unit", "Loadout", "Equipment"} <= labels
    ids = {node["id"] for node in body["graph"]["nodes"]}
    mounts = [r for r in body["graph"]["relationships"] if r["type"] == "MOUNTS"]
    assert mounts
    assert all(r["start"] in ids and r["end"] in ids for r in body["graph"]["relationships"])
    assert all({"location", "quantity"} <= r["properties"].keys() for r in mounts)
    assert body["truncated"] == {"rows": False, "nodes": False}


@pytest.mark.parametrize("query", [q for q in UPDATING if q])
def test_an_updating_query_is_refused_and_changes_nothing(
    client: TestClient, demo_graph: Graph, query: str
) -> None:
    before = graph_hash(demo_graph)
    answer = client.post("/v1/explore/query", json={"query": query})
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("query refused:")
    assert graph_hash(demo_graph) == before


def test_a_write_past_the_check_is_rolled_back(
    demo_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second wall: with the refusal switched off, a CREATE runs and is never kept."""
    before = graph_hash(demo_graph)
    monkeypatch.setattr(explore_run, "refusal", lambda _query: None)
    ran = run_read_only(demo_graph, ExploreQuery(query="CREATE (p:Probe {x: 1}) RETURN p"))
    assert ran.graph.nodes[0].labels == ["Probe"]
    assert graph_hash(demo_graph) == before


def test_limits_cut_rows_and_nodes_and_say_so(demo_graph: Graph) -> None:
    query = ExploreQuery(query="MATCH (n:Location) RETURN n")
    cut = run_read_only(demo_graph, query, max_rows=5, max_nodes=3)
    assert len(cut.rows) == 5
    assert len(cut.graph.nodes) == 3
    assert cut.truncated.rows
    assert cut.truncated.nodes


def test_a_query_over_the_time_limit_is_stopped(demo_graph: Graph) -> None:
    slow = ExploreQuery(query="UNWIND range(1, 5000000) AS x WITH x WHERE x < 0 RETURN x")
    with pytest.raises(QueryRefusedError, match="time limit"):
        run_read_only(demo_graph, slow, timeout_s=0.5)
    assert explore_run.wait_until_idle(120), "the engine finished the query it was left with"


@pytest.mark.parametrize(
    "query",
    [
        "PROFILE // c\rCREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.v)",
        "EXPLAIN // c\rCREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.v)",
        "PROFILE // c\rDROP INDEX Unit_id IF EXISTS",
        "PROFILE MATCH (n:Unit) SET n.probe = 1 RETURN n",
    ],
)
def test_profile_or_explain_of_a_hidden_schema_command_is_refused_and_nothing_stays(
    client: TestClient, demo_graph: Graph, query: str
) -> None:
    indexes = {row["name"] for row in demo_graph.read(load("explore/probe_indexes"))}
    before = graph_hash(demo_graph)
    answer = client.post("/v1/explore/query", json={"query": query})
    assert answer.status_code == 422, answer.text
    assert {row["name"] for row in demo_graph.read(load("explore/probe_indexes"))} == indexes
    assert graph_hash(demo_graph) == before


@pytest.mark.parametrize(
    "query",
    [
        "UNWIND range(1, 2000) AS x WITH x WHERE x > 1400 RETURN 1 / (x - 1500) AS y",
        "RETURN toInteger([1]) AS y",
        "MATCH (n RETURN n",
    ],
)
def test_a_query_the_engine_refuses_part_way_is_a_400(client: TestClient, query: str) -> None:
    answer = client.post("/v1/explore/query", json={"query": query})
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"].startswith("the query failed:")


def test_rows_stop_at_the_limit_before_an_error_past_it(client: TestClient) -> None:
    query = "UNWIND range(1, 2000) AS x RETURN 1 / (x - 1500) AS y"
    answer = client.post("/v1/explore/query", json={"query": query})
    assert answer.status_code == 200, answer.text
    assert answer.json()["truncated"]["rows"]


def test_parameters_too_deep_or_too_many_are_refused(client: TestClient) -> None:
    deep: object = 1
    for _ in range(500):
        deep = [deep]
    nested = client.post("/v1/explore/query", json={"query": "RETURN $p", "params": {"p": deep}})
    assert nested.status_code == 422, nested.text
    assert "nest deeper than" in nested.text
    wide = {"p": list(range(20_000))}
    many = client.post("/v1/explore/query", json={"query": "RETURN $p", "params": wide})
    assert many.status_code == 422, many.text
    fine = client.post(
        "/v1/explore/query", json={"query": "RETURN $p AS p", "params": {"p": [[1]]}}
    )
    assert fine.json()["rows"] == [[[[1]]]]


def test_bad_cypher_is_a_400_with_the_engines_words(client: TestClient) -> None:
    answer = client.post("/v1/explore/query", json={"query": "MATCH (n RETURN n"})
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith("the query failed:")
    assert client.post("/v1/explore/query", json={"query": ""}).status_code == 422
    assert client.post("/v1/explore/query", json={"params": {}}).status_code == 422


def test_with_a_key_set_the_explorer_needs_it(demo_graph: Graph) -> None:
    from api.main import create_app
    from api.settings import ApiSettings

    app = create_app(demo_graph, ApiSettings(api_key="sekrit-key-0123456789"))
    with TestClient(app) as secured:
        body = {"query": "MATCH (n:Unit) RETURN n LIMIT 1"}
        assert secured.post("/v1/explore/query", json=body).status_code == 401
        allowed = secured.post(
            "/v1/explore/query",
            json=body,
            headers={"Authorization": "Bearer sekrit-key-0123456789"},
        )
        assert allowed.status_code == 200


def test_saved_queries_and_the_schema_feed_the_page(client: TestClient) -> None:
    saved = client.get("/v1/explore/saved").json()
    guided = [q for q in saved if q["guided"]]
    assert [q["name"] for q in guided] == [
        "explore/conflicts_with",
        "explore/unit_and_stock_loadout",
        "explore/why_invalid",
    ]
    for query in guided:  # each guided start runs on the demo with its example parameters
        ran = client.post(
            "/v1/explore/query", json={"query": query["text"], "params": query["example"]}
        )
        assert ran.status_code == 200, ran.text
        assert ran.json()["graph"]["nodes"], query["name"]
    vocabulary = client.get("/v1/schema").json()["graph"]
    assert {"Unit", "Loadout", "Equipment"} <= set(vocabulary["labels"])
    assert "MOUNTS" in vocabulary["relationship_types"]
    assert not any(key.startswith("_") for key in vocabulary["property_keys"])


def test_why_invalid_draws_the_conflict_as_a_path(client: TestClient) -> None:
    why = next(
        q for q in client.get("/v1/explore/saved").json() if q["name"].endswith("why_invalid")
    )
    ran = client.post(
        "/v1/explore/query",
        json={
            "query": why["text"],
            "params": {"loadout_id": "hunchback-hbk-4g-demo-conflict.stock"},
        },
    ).json()
    types = sorted(r["type"] for r in ran["graph"]["relationships"])
    assert types == ["CONFLICTS_WITH", "MOUNTS", "MOUNTS"]
    items = {n["properties"]["id"] for n in ran["graph"]["nodes"] if "Equipment" in n["labels"]}
    assert items == {"masc", "tsm"}


def test_the_browser_guide_has_slides_with_runnable_queries(client: TestClient) -> None:
    guide = client.get("/guide")
    assert guide.status_code == 200
    assert guide.headers["access-control-allow-origin"] == "*"
    text = guide.text
    assert text.count("<slide") >= 5
    assert 'class="pre-scrollable code runnable"' in text
    assert ":param unit_id =&gt; &quot;hunchback-hbk-4g&quot;" in text
