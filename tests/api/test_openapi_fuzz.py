"""Schemathesis over the OpenAPI schema: no 5xx, and every response conforms to the schema.

Bounded: at most 40 cases per operation (about 900 in all), on the demo data set.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api.main import create_app
from api.settings import ApiSettings
from graphstore import Graph

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


@pytest.fixture(scope="module")
def api_schema(demo_graph: Graph) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(demo_graph, ApiSettings()))


@pytest.mark.parametrize(("method", "path"), _OPERATIONS, ids=[f"{m} {p}" for m, p in _OPERATIONS])
def test_no_server_errors_and_schema_conformance(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=int(os.environ.get("GRAPHSTORE_FUZZ_EXAMPLES", "40")),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case: schemathesis.Case) -> None:
        case.validate_response(case.call(), checks=CHECKS)

    check()


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
