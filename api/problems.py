"""RFC 9457 problem details for every error the API returns."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.metrics import count_problem
from graphstore.errors import (
    AuthenticationError,
    ConflictError,
    ConstraintError,
    DatabaseUnavailableError,
    EngineNotRunningError,
    EngineStartError,
    ExplorerBusyError,
    ForbiddenError,
    GraphStoreError,
    IntegrityError,
    MergeConflictError,
    NotFoundError,
    QueryError,
    QueryRefusedError,
    QueryTimeoutError,
    RuleDefinitionError,
    SchemaOutOfDateError,
    UserQueryError,
    ValidationError,
)

log = logging.getLogger("graphstore.api")

PROBLEM_JSON = "application/problem+json"


def problem(
    status: int, detail: str, *, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    body["detail"] = detail
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


async def _http_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    response = problem(error.status_code, str(error.detail))
    response.headers.update(error.headers or {})
    return response


async def _validation_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"loc": list(item["loc"]), "msg": item["msg"], "type": item["type"]}
        for item in error.errors()
    ]
    return problem(422, f"{len(errors)} invalid field(s)", errors=jsonable(errors))


async def _not_found(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, NotFoundError)
    return problem(404, str(error), entity=error.label, id=error.entity_id)


async def _forbidden(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ForbiddenError)
    if error.quota:
        return problem(403, str(error), quota=error.quota)
    return problem(403, str(error))


async def _conflict(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ConflictError)
    return problem(
        409,
        str(error),
        id=error.entity_id,
        expected_version=error.expected_version,
        current_version=error.current_version,
    )


async def _integrity(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, IntegrityError)
    uses = getattr(error, "uses_by_tenant", None)
    if uses:
        return problem(409, str(error), blockers=jsonable(error.blockers), uses_by_tenant=uses)
    return problem(409, str(error), blockers=jsonable(error.blockers))


async def _merge_conflict(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, MergeConflictError)
    return problem(409, str(error), conflicts=jsonable(error.conflicts))


async def _invalid(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ValidationError)
    errors = [
        {"loc": str(item.get("path", "")).split("."), "msg": item.get("message"), "type": "value"}
        for item in error.errors
    ]
    if all(item.get("type") == "reference" for item in error.errors):
        # Only missing references: what the body names does not exist for this tenant (or
        # is another tenant's, which looks the same).
        detail = "; ".join(str(item.get("message")) for item in error.errors)
        return problem(404, detail, errors=jsonable(errors))
    return problem(422, f"{len(errors)} invalid field(s)", errors=jsonable(errors))


async def _constraint(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ConstraintError)
    return problem(409, f"a schema constraint refused the write: {error}")


async def _unavailable(_: Request, error: Exception) -> JSONResponse:
    return problem(
        503,
        f"the graph database is unavailable: {type(error).__name__}: {error}",
        headers={"Retry-After": "5"},
    )


async def _refused(_: Request, error: Exception) -> JSONResponse:
    return problem(422, f"query refused: {error}")


async def _busy(_: Request, error: Exception) -> JSONResponse:
    return problem(429, str(error), headers={"Retry-After": "2"})


async def _user_query(_: Request, error: Exception) -> JSONResponse:
    return problem(400, f"the query failed: {error}")


async def _bad_rule(_: Request, error: Exception) -> JSONResponse:
    return problem(422, str(error))


async def _bug(_: Request, error: Exception) -> JSONResponse:
    # A failing query or an unexpected exception is a bug: logged with its traceback for the
    # operator, a 500 for the client, who never sees the trace.
    log.error("request failed: %r", error, exc_info=error)
    return problem(500, "the service failed on this request; the server log has the details")


def jsonable(value: Any) -> Any:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(value)


Handler = Callable[[Request, Exception], Awaitable[JSONResponse]]


def _counted(handler: Handler) -> Handler:
    async def answer(request: Request, error: Exception) -> JSONResponse:
        response = await handler(request, error)
        count_problem(response.status_code, type(error).__name__)
        return response

    return answer


# Only an unreachable or unready database is a 503: the request may work later.
_UNAVAILABLE: tuple[type[Exception], ...] = (
    DatabaseUnavailableError,
    QueryTimeoutError,
    AuthenticationError,
    EngineStartError,
    EngineNotRunningError,
    SchemaOutOfDateError,
)
_HANDLERS: list[tuple[type[Exception], Handler]] = [
    (StarletteHTTPException, _http_error),
    (RequestValidationError, _validation_error),
    (NotFoundError, _not_found),
    (ForbiddenError, _forbidden),
    (ConflictError, _conflict),
    (IntegrityError, _integrity),
    (MergeConflictError, _merge_conflict),
    (ValidationError, _invalid),
    (ConstraintError, _constraint),
    (RuleDefinitionError, _bad_rule),
    (QueryRefusedError, _refused),
    (UserQueryError, _user_query),
    (ExplorerBusyError, _busy),
    *[(unavailable, _unavailable) for unavailable in _UNAVAILABLE],
    (QueryError, _bug),
    (GraphStoreError, _bug),
    (Exception, _bug),
]


async def problem_body(request: Request, error: Exception) -> dict[str, Any]:
    """The problem details a request failing with `error` answers (its status among them):
    what a batch reports per operation. Not counted: the batch's own answer is a 200."""
    handler = next(h for kind, h in _HANDLERS if isinstance(error, kind))
    body: dict[str, Any] = json.loads(bytes((await handler(request, error)).body))
    return body


def install(app: FastAPI) -> None:
    """Every error becomes its problem response, counted by status and class (/metrics)."""
    for error, handler in _HANDLERS:
        app.add_exception_handler(error, _counted(handler))


class Problem(BaseModel):
    """RFC 9457 problem details. Extra members depend on the error (current_version, blockers,
    entity, id...)."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str


class FieldProblem(BaseModel):
    """One invalid input: where (`loc`), what is wrong (`msg`) and its kind (`type`)."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationProblem(Problem):
    """A 422: every field problem of the request in `errors`."""

    errors: list[FieldProblem] = []


COMPONENTS: dict[str, type[BaseModel]] = {
    "Problem": Problem,
    "FieldProblem": FieldProblem,
    "ValidationProblem": ValidationProblem,
}

_DESCRIPTIONS = {
    400: "a request body that cannot be decoded (not UTF-8)",
    401: "a missing, malformed, unknown, revoked or expired key, where one is needed "
    "(writes and soft-deleted data once GRAPHSTORE_API_KEY is set; docs/tenants.md)",
    403: "the key's role or tenant may not do this (a reader writing, a tenant changing the "
    "shared catalog, a quota reached: `quota` names it)",
    404: "no live entity with that id that this tenant can see",
    409: "a stale version, an id already taken, a delete other entities block, or a write "
    "that kept losing races with others",
    413: "the request body is too large",
    422: "invalid input; `errors` lists every field problem",
    429: "this client called expensive routes too often, or the explorer is running as many "
    "queries as it may (retry after Retry-After seconds)",
    500: "a bug: the server log has the details",
    503: "the graph database is unreachable (retry after Retry-After seconds)",
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem+json errors a route can return: each refers to the one
    shared component (see add_components), so a generated client has one model per kind."""
    return {
        code: {
            "description": _DESCRIPTIONS[code],
            "content": {
                PROBLEM_JSON: {
                    "schema": {
                        "$ref": "#/components/schemas/"
                        + ("ValidationProblem" if code == 422 else "Problem")
                    }
                }
            },
        }
        for code in codes
    }


def add_components(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI schema with the problem models among its components."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, model in COMPONENTS.items():
        found = model.model_json_schema(ref_template="#/components/schemas/{model}")
        found.pop("$defs", None)
        components[name] = found
    return schema
