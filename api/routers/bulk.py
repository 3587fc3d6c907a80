"""Bulk: many creates, patches and deletes in one request, each with its own result."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from api.deps import StoreDep, WriteAccess
from api.examples import BULK
from api.problems import error_responses, problem_body
from graphstore.errors import BulkError, GraphStoreError, ValidationError
from graphstore.store import bulk
from graphstore.store.models import Outcome
from graphstore.store.validation import error

router = APIRouter(prefix="/v1/bulk", tags=["bulk"], responses=error_responses(401, 403))

NDJSON = "application/x-ndjson"


class BulkResult(BaseModel):
    """One operation's result: its HTTP status as a single request would have had it, the
    entity's id and new version, or the problem details of its error."""

    index: int
    status: int
    id: str | None = None
    version: int | None = None
    problem: dict[str, Any] | None = None


class BulkResponse(BaseModel):
    committed: bool
    """Whether what succeeded is written: always, unless an atomic batch failed."""
    succeeded: int
    failed: int
    results: list[BulkResult]


_BODY = {
    "requestBody": {
        "required": True,
        "description": (
            "A JSON array of operations, or NDJSON (Content-Type: application/x-ndjson), one "
            f"per line; at most {bulk.MAX_OPERATIONS} operations, and the body size limit "
            "applies. A malformed line is that operation's 422; the others go on."
        ),
        "content": {
            # NDJSON is described, not declared: generated clients refuse a content type
            # they cannot model, and its lines are the same operations.
            "application/json": {
                "schema": {"type": "array", "items": bulk.BulkOperation.model_json_schema()},
                "examples": BULK,
            },
        },
    }
}


def operations_of(raw: bytes, content_type: str) -> list[bulk.Given]:
    """The operations of a request body. A body that is not a JSON array (or, for NDJSON,
    text) is a ValidationError of the whole request; an NDJSON line that is not a JSON
    object is that operation's error."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError([error("$", "the body is not UTF-8")]) from exc
    if content_type.split(";")[0].strip() == NDJSON:
        found: list[bulk.Given] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                item = ValidationError([error(f"line {number}", f"not JSON: {exc.msg}")])
            if not isinstance(item, dict | GraphStoreError):
                item = ValidationError([error(f"line {number}", "not a JSON object")])
            found.append(item)
        return found
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError([error("$", f"not JSON: {exc.msg}")]) from exc
    if not isinstance(items, list):
        raise ValidationError([error("$", "a JSON array of operations is expected")])
    return [
        item if isinstance(item, dict) else ValidationError([error(f"[{n}]", "not an object")])
        for n, item in enumerate(items)
    ]


async def _result(request: Request, outcome: Outcome, status: int = 200) -> BulkResult:
    if outcome.error is None:
        return BulkResult(
            index=outcome.index, status=status, id=outcome.id, version=outcome.version
        )
    problem = await problem_body(request, outcome.error)
    return BulkResult(index=outcome.index, status=problem["status"], id=outcome.id, problem=problem)


@router.post("", response_model=BulkResponse, dependencies=[WriteAccess], openapi_extra=_BODY)
async def apply(
    request: Request,
    store: StoreDep,
    atomic: Annotated[
        bool, Query(description="all operations or none: the first failure rolls back the rest")
    ] = False,
) -> BulkResponse:
    """Creates, patches and deletes of units, equipment and loadouts, in order, each with
    its result (status, id, version, or a problem). Tenants, roles and quotas apply to each
    operation as they do to a single request."""
    operations = operations_of(await request.body(), request.headers.get("content-type", ""))
    try:
        outcomes = await run_in_threadpool(bulk.apply, store, operations, atomic=atomic)
    except BulkError as failed:
        stopped = failed.outcome
        results = [
            await _result(request, stopped)
            if index == stopped.index
            else BulkResult(
                index=index,
                status=424,
                problem={
                    "type": "about:blank",
                    "title": "Failed Dependency",
                    "status": 424,
                    "detail": f"not written: operation {stopped.index} failed, and the batch "
                    "is atomic",
                },
            )
            for index in range(len(operations))
        ]
        return BulkResponse(committed=False, succeeded=0, failed=len(results), results=results)
    creates = [isinstance(o, dict) and o.get("op") == "create" for o in operations]
    results = [
        await _result(request, outcome, 201 if creates[outcome.index] else 200)
        for outcome in outcomes
    ]
    failed_count = sum(1 for r in results if r.status >= 300)
    return BulkResponse(
        committed=True, succeeded=len(results) - failed_count, failed=failed_count, results=results
    )
