"""Who may do what. With GRAPHSTORE_API_KEY set, every write (any method but GET, HEAD and
OPTIONS) and every read of soft-deleted data (`include_deleted=true`) needs
`Authorization: Bearer <key>`; other reads stay open.

This is ASGI middleware rather than a route dependency because FastAPI parses a request's
body before it solves dependencies: a client without the key must learn 401, not whether its
JSON parses. The key is compared as bytes in constant time, so whatever a header holds
(non-ASCII included) is a plain mismatch.
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qsl

from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticValidationError
from starlette.types import ASGIApp, Receive, Scope, Send

from api.metrics import count_problem
from api.problems import problem

OPEN_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DELETED_FLAG = "include_deleted"
_FLAG = TypeAdapter(bool)


def key_matches(expected: bytes, authorization: bytes | None) -> bool:
    """Whether an Authorization header value carries the key as a Bearer token."""
    if authorization is None:
        return False
    scheme, _, token = authorization.strip().partition(b" ")
    return scheme.lower() == b"bearer" and hmac.compare_digest(token.strip(), expected)


def asks_for_deleted(query_string: bytes) -> bool:
    """Whether a query string turns `include_deleted` on (as the route will parse it)."""
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if name != DELETED_FLAG:
            continue
        try:
            if _FLAG.validate_python(value):
                return True
        except PydanticValidationError:
            continue  # the route answers 422 for a value that is not a boolean
    return False


def needs_key(method: str, query_string: bytes) -> bool:
    return method not in OPEN_METHODS or asks_for_deleted(query_string)


class KeyRequired:
    """Refuses, with 401, a request that needs the key and does not carry it."""

    def __init__(self, app: ASGIApp, api_key: str | None) -> None:
        self.app = app
        self.key = None if api_key is None else api_key.encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or self.key is None
            or not needs_key(scope["method"], scope.get("query_string", b""))
        ):
            await self.app(scope, receive, send)
            return
        authorization = dict(scope.get("headers", [])).get(b"authorization")
        if key_matches(self.key, authorization):
            await self.app(scope, receive, send)
            return
        count_problem(401, "KeyRequired")
        what = "this request" if scope["method"] not in OPEN_METHODS else "soft-deleted data"
        response = problem(
            401,
            f"{what} needs `Authorization: Bearer <GRAPHSTORE_API_KEY>`",
            headers={"WWW-Authenticate": "Bearer"},
        )
        await response(scope, receive, send)
