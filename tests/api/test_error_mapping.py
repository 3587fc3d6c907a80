"""Each kind of failure has its own status: a bug is 500, a constraint 409, a lost race 409
naming the entity, an unreachable database 503 with Retry-After. Never a trace."""

from __future__ import annotations

import neo4j
import pytest
from fastapi.testclient import TestClient
from neo4j import exceptions as neo4j_errors

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph
from graphstore.errors import (
    ConflictError,
    ConstraintError,
    DatabaseBusyError,
    QueryError,
    QueryTimeoutError,
)
from graphstore.store.units import Units


def _client(graph: Graph) -> TestClient:
    return TestClient(create_app(graph, ApiSettings(api_key=None)), raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("raised", "status", "says"),
    [
        (QueryError("Invalid input 'MATHC'", query="store/unit_get", code="Neo.ClientError.X"),
         500, "server log"),
        (ZeroDivisionError("division by zero"), 500, "server log"),
        (ConstraintError("Duplicated key", query="store/unit_create",
                         code="Neo.ClientError.Schema.ConstraintValidationFailed"),
         409, "constraint"),
        (ConflictError("Unit 'x' kept changing", entity_id="x", expected=None, current=7),
         409, "kept changing"),
        (QueryTimeoutError("stopped after 15 s", query="rules/all",
                           code="Neo.ClientError.Transaction.TransactionTimedOut"),
         503, "unavailable"),
    ],
)  # fmt: skip
def test_failures_map_to_their_status(
    demo_graph: Graph,
    monkeypatch: pytest.MonkeyPatch,
    raised: Exception,
    status: int,
    says: str,
) -> None:
    def fail(*_: object, **__: object) -> None:
        raise raised

    monkeypatch.setattr(Units, "get", fail)
    with _client(demo_graph) as client:
        response = client.get("/v1/units/atlas-as7-d")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert says in response.json()["detail"]
    assert "Traceback" not in response.text
    assert "MATHC" not in response.text  # a bug's details stay in the server log
    if status == 503:
        assert response.headers["retry-after"]
    if isinstance(raised, ConflictError):
        assert (response.json()["id"], response.json()["current_version"]) == ("x", 7)


def test_a_real_duplicate_create_is_409_already_exists(client: TestClient) -> None:
    body = {
        "id": "dup-probe",
        "chassis": "Probe",
        "model": "P-1",
        "unit_type": "BattleMech",
        "tonnage": 20,
        "tech_base": "INNER_SPHERE",
        "rules_level": "INTRODUCTORY",
    }
    assert client.post("/v1/units", json=body).status_code == 201
    again = client.post("/v1/units", json=body)
    assert again.status_code == 409
    assert (again.json()["id"], again.json()["current_version"]) == ("dup-probe", 1)


def test_a_read_that_keeps_meeting_transient_errors_is_503_never_409(
    demo_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read conflicts with no one: when the engine keeps answering it with transient
    errors (overload) until the retry time runs out, the client hears "busy, retry", not a
    lost race (row 6 of issue #31)."""

    def overloaded(*_: object, **__: object) -> None:
        raise neo4j_errors.TransientError("Neo.TransientError.General.DatabaseUnavailable", "busy")

    monkeypatch.setattr(neo4j.Session, "execute_read", overloaded)
    with _client(demo_graph) as client:
        response = client.get("/v1/units/hunchback-hbk-4g")
    assert response.status_code == 503, response.text
    assert "too busy" in response.json()["detail"]
    assert response.headers["retry-after"]
    with pytest.raises(DatabaseBusyError):
        demo_graph.read_transaction(lambda tx: None)
