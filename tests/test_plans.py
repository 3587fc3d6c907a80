"""Query plans as readable trees, on the local engine and from a Neo4j-shaped plan."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphstore import Graph, graph_hash
from graphstore.errors import ValidationError
from graphstore.plans import _from_text, _steps, _warnings, parse_parameters, query_plan
from graphstore.queries import Query

UNIT_GET = {"id": "hunchback-hbk-4g", "fields": None, "relations": [], "include_deleted": False}


def _probe(text: str, **parameters: str) -> Query:
    return Query("test/probe", text, "a probe", {name: "" for name in parameters})


def test_an_index_seek_is_shown_with_its_index_and_no_warning(demo_graph: Graph) -> None:
    plan = query_plan(demo_graph, "store/unit_get", UNIT_GET)
    [seek] = [step for step in plan.steps if step.index]
    assert (seek.operator, seek.index) == ("NodeIndexSeek", "Unit[id]")
    assert plan.warnings == []
    assert "index Unit[id]" in plan.render()


def test_profile_counts_rows(demo_graph: Graph) -> None:
    plan = query_plan(demo_graph, "store/unit_get", UNIT_GET, mode="profile")
    assert any(step.rows == 1 for step in plan.steps)


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("MATCH (u:Unit) WHERE u.chassis = $c RETURN u.id", "label scan"),
        ("MATCH (n) WHERE n.chassis = $c RETURN n", "all-node scan"),
        ("MATCH (a:Unit), (b:Equipment) WHERE a.chassis = $c RETURN a.id, b.id", "cartesian"),
    ],
)
def test_scans_and_cartesian_products_are_warned_about(
    demo_graph: Graph, text: str, warning: str
) -> None:
    plan = query_plan(demo_graph, _probe(text, c=""), {"c": "Atlas"})
    assert any(w.startswith(warning) for w in plan.warnings), plan.render()


def test_profiling_a_write_changes_nothing(demo_graph: Graph) -> None:
    before = graph_hash(demo_graph)
    query = _probe("CREATE (:Probe {n: $n}) RETURN 1 AS one", n="")
    plan = query_plan(demo_graph, query, {"n": 1}, mode="profile")
    assert plan.steps
    assert graph_hash(demo_graph) == before


def test_parameters_must_be_exactly_the_declared_ones(demo_graph: Graph) -> None:
    with pytest.raises(ValidationError, match="missing fields, include_deleted, relations"):
        query_plan(demo_graph, "store/unit_get", {"id": "x"})
    with pytest.raises(ValidationError, match="unknown bogus; health/ping declares no param"):
        query_plan(demo_graph, "health/ping", {"bogus": 1})


def test_parameter_values_parse_as_json_else_text() -> None:
    assert parse_parameters(["n=3", 'ids=["a"]', "x=null", "name=Atlas AS7-D", "t=true"]) == {
        "n": 3,
        "ids": ["a"],
        "x": None,
        "name": "Atlas AS7-D",
        "t": True,
    }
    with pytest.raises(ValidationError, match="not k=v"):
        parse_parameters(["novalue"])


def test_a_neo4j_plan_tree_is_read_the_same_way() -> None:
    plan = {
        "operatorType": "ProduceResults@neo4j",
        "args": {"Details": "`a.id`", "EstimatedRows": 10.0},
        "children": [
            {
                "operatorType": "CartesianProduct@neo4j",
                "args": {"EstimatedRows": 10.0},
                "children": [
                    {"operatorType": "NodeByLabelScan@neo4j", "args": {"Details": "a:Unit"}},
                    {"operatorType": "AllNodesScan@neo4j", "args": {"Details": "n"}},
                    {
                        "operatorType": "NodeUniqueIndexSeek@neo4j",
                        "args": {"Details": "UNIQUE u:Unit(id) WHERE id = $id"},
                        "rows": 1,
                        "dbHits": 2,
                    },
                ],
            }
        ],
    }
    steps = _steps(plan)
    assert steps[0].operator == "ProduceResults"
    seek = steps[0].children[0].children[2]
    assert (seek.index, seek.rows, seek.db_hits) == ("UNIQUE u:Unit(id) WHERE id = $id", 1, 2)
    kinds = sorted(w.split(":")[0] for w in _warnings(steps))
    assert kinds == ["all-node scan", "cartesian product", "label scan"]


def test_a_superseded_plan_is_left_out() -> None:
    text = """Execution Plan:
+ COUNT CARTESIAN PRODUCT (2 disconnected parts)
  part 0:
    + TYPE COUNT OPTIMIZATION (Unit)

Using Cost-Based Query Optimizer (superseded by the count push-down above)

Physical Plan:
+ CartesianProduct [compact buffer] [cost=434.00, rows=660]
  + NodeByLabelScan(b:Equipment) [cost=44.00, rows=44]

Steps After the Optimized Match:
+ PROJECT RETURN n (818μs, 4 rows)
"""
    steps = _from_text(text)
    assert [s.operator for s in steps] == ["COUNT CARTESIAN PRODUCT", "PROJECT RETURN"]
    assert steps[0].children[0].operator == "TYPE COUNT OPTIMIZATION"
    assert steps[1].rows == 4
    assert [w.split(":")[0] for w in _warnings(steps)] == ["cartesian product"]


def test_the_cli_explains_and_names_what_is_missing(demo_graph: Graph, engine_home: Path) -> None:
    env = {**os.environ, "GRAPHSTORE_HOME": str(engine_home), "COLUMNS": "200"}
    env.pop("NEO4J_URI", None)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "graphstore", "query", *args],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip

    params = [f"-p{k}={v}" for k, v in (("id", "hunchback-hbk-4g"), ("fields", "null"),
              ("relations", "[]"), ("include_deleted", "false"))]  # fmt: skip
    shown = cli("explain", "store/unit_get", *params)
    assert shown.returncode == 0, shown.stderr
    assert "NodeIndexSeek" in shown.stdout
    assert "no warnings" in shown.stdout
    profiled = cli("profile", "store/unit_get", *params)
    assert "rows 1" in profiled.stdout, profiled.stderr
    filled = cli("explain", "store/unit_get", "-pid=hunchback-hbk-4g")
    assert filled.returncode == 0, filled.stderr
    said = filled.stdout.splitlines()[0]
    assert said.startswith("parameters not given, from the query's @example")
    assert "fields=null, include_deleted=false, relations=[]" in said, said
    assert "NodeIndexSeek" in filled.stdout
    unknown_parameter = cli("explain", "store/unit_get", "-pid=x", "-pnope=1")
    assert unknown_parameter.returncode == 1
    assert "unknown nope; store/unit_get declares fields, id" in unknown_parameter.stderr
    unknown = cli("explain", "store/unit_gte")
    assert "did you mean store/unit_get" in unknown.stderr


def test_operator_names_end_at_a_word() -> None:
    [fetch] = _from_text("Execution Plan:\n+ FETCH FROM TYPE Unit\n")
    assert (fetch.operator, fetch.details) == ("FETCH FROM TYPE", "Unit")
    [seek] = _from_text("Execution Plan:\n+ FETCH FROM INDEX Unit[id]\n")
    assert (seek.operator, seek.details) == ("FETCH FROM INDEX", "Unit[id]")


def test_a_step_that_mentions_superseded_hides_nothing() -> None:
    text = """Physical Plan:
+ Filter n.superseded = true
  + NodeByLabelScan(n:Unit) [cost=1.00, rows=1]
"""
    steps = _from_text(text)
    assert steps[0].children[0].operator == "NodeByLabelScan"
    assert [w.split(":")[0] for w in _warnings(steps)] == ["label scan"]


def test_each_section_starts_at_the_root() -> None:
    text = """Physical Plan:
+ NodeIndexSeek(a:Unit) [index=Unit[id], cost=5.00, rows=0]

Steps After the Optimized Match:
  + PROJECT RETURN a
"""
    assert [s.operator for s in _from_text(text)] == ["NodeIndexSeek", "PROJECT RETURN"]
