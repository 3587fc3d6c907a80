"""Schemathesis over the OpenAPI schema: no 5xx, and every response conforms to the schema.

Each operation gets valid cases (positive generation, edge values included) and invalid ones
(negative generation: wrong types, out-of-range numbers, missing fields). Every invalid case
must be refused with a 4xx problem, and a sample of the refused requests is checked to have
left the graph exactly as it was (its hash before and after). Bounded: 40 positive and 25
negative cases per operation, on the demo data set.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation import GenerationMode

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph, graph_hash

pytestmark = pytest.mark.slow

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# schemathesis's pytest plugin relies on a pytest internal that pytest 9 removed, so each
# operation runs its own Hypothesis test from the operation's case strategy instead.
_OPERATIONS = [
    (result.ok().method.upper(), result.ok().path)
    for result in schemathesis.openapi.from_asgi("/openapi.json", create_app()).get_all_operations()
]


# The fuzzer calls each expensive route more often than a client may: no rate limit here.
UNLIMITED = ApiSettings(expensive_rate_limit="1000000/minute")
EXAMPLES = {
    GenerationMode.POSITIVE: int(os.environ.get("GRAPHSTORE_FUZZ_EXAMPLES", "40")),
    GenerationMode.NEGATIVE: int(os.environ.get("GRAPHSTORE_FUZZ_NEGATIVE_EXAMPLES", "25")),
}
# Every how many refused requests the graph hash is compared (a hash costs a full read).
HASH_EVERY = 4


@pytest.fixture(scope="module")
def api_schema(demo_graph: Graph) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(demo_graph, UNLIMITED))


@pytest.mark.parametrize("mode", list(EXAMPLES), ids=[mode.value for mode in EXAMPLES])
@pytest.mark.parametrize(("method", "path"), _OPERATIONS, ids=[f"{m} {p}" for m, p in _OPERATIONS])
def test_no_server_errors_and_schema_conformance(
    api_schema: Any, demo_graph: Graph, method: str, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path][method]
    refused = 0

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        nonlocal refused
        watched = mode is GenerationMode.NEGATIVE and refused % HASH_EVERY == 0
        before = graph_hash(demo_graph) if watched else None
        response = case.call()
        case.validate_response(response, checks=CHECKS)
        if mode is GenerationMode.NEGATIVE and 400 <= response.status_code < 500:
            assert "application/problem+json" in response.headers["content-type"]
            if before is not None:
                assert graph_hash(demo_graph) == before, "a refused request changed the graph"
            refused += 1

    try:
        check()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
        pytest.skip("the operation takes no input that could be made invalid")


def test_every_operation_documents_an_example(demo_graph: Graph) -> None:
    spec = create_app(demo_graph).openapi()
    missing = [
        f"{method.upper()} {path}"
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if "example" not in str(operation.get("parameters", []))
        and "example" not in str(operation.get("requestBody", ""))
        and "example" not in str(operation["responses"].get("200", ""))
    ]
    assert missing == []
