"""Bulk: many creates, patches and deletes in one request, each with its own result."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from api.deps import StoreDep, WriteAccess
from api.examples import BULK
from api.problems import error_responses, problem_body
from graphstore.errors import BulkError, GraphStoreError, ValidationError
from graphstore.store import GraphStore, bulk
from graphstore.store.idempotency import KEY_MAX
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
    idempotency_key: Annotated[
        str | None,
        Header(
            max_length=KEY_MAX,
            description="the same key on a retry answers the first send's answer (kept "
            "24 hours, per tenant) instead of running again",
        ),
    ] = None,
) -> BulkResponse | JSONResponse:
    """Creates, patches and deletes of units, equipment and loadouts, in order, each with
    its result (status, id, version, or a problem). Tenants, roles and quotas apply to each
    operation as they do to a single request."""
    raw = await request.body()
    content_type = request.headers.get("content-type", "")
    if idempotency_key is None:
        return await _answer(request, store, raw, content_type, atomic)
    fingerprint = hashlib.sha256(
        f"{request.url.path}\n{atomic}\n{content_type}\n".encode() + raw
    ).hexdigest()
    replay = await run_in_threadpool(store.idempotency.take, idempotency_key, fingerprint)
    if replay is not None:
        return JSONResponse(replay.answer, headers={"Idempotent-Replayed": "true"})
    try:
        answer = await _answer(request, store, raw, content_type, atomic)
    except BaseException:
        await run_in_threadpool(store.idempotency.release, idempotency_key)
        raise
    kept = answer.model_dump(mode="json")
    await run_in_threadpool(store.idempotency.finish, idempotency_key, kept)
    return answer


async def _answer(
    request: Request, store: GraphStore, raw: bytes, content_type: str, atomic: bool
) -> BulkResponse:
    operations = operations_of(raw, content_type)
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
