"""Refuses request bodies larger than the configured limit with 413, chunked ones included,
and bodies that do not arrive in time with 408.

A declared Content-Length over the limit is refused before anything is read. Otherwise the
body is read here, up to the limit, and handed on whole: a chunked body that grows past the
limit is refused as soon as it does, instead of surfacing inside FastAPI's body parsing as a
400. The whole body must arrive within `timeout_s` of its first read: a client that sends a
byte now and then cannot hold a worker (the headers' deadline is api.server's).
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import count_problem
from api.problems import problem


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        deadline = asyncio.get_running_loop().time() + self.timeout_s
        while True:
            try:
                message = await asyncio.wait_for(
                    receive(), deadline - asyncio.get_running_loop().time()
                )
            except TimeoutError:
                await self._too_slow(scope, receive, send)
                return
            if message["type"] != "http.request":
                # The client went away: let the app see it as it would have.
                replayed = iter([message])
                break
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                whole: Message = {"type": "http.request", "body": b"".join(chunks)}
                replayed = iter([whole])
                break

        async def replay() -> Message:
            for message in replayed:
                return message
            return await receive()

        await self.app(scope, replay, send)

    async def _too_slow(self, scope: Scope, receive: Receive, send: Send) -> None:
        count_problem(408, "BodyTooSlow")
        detail = f"the request's body did not arrive within {self.timeout_s:g} s"
        response = problem(408, detail, headers={"Connection": "close"})
        await response(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        count_problem(413, "BodyTooLarge")
        response = problem(413, f"request body larger than {self.max_bytes} bytes")
        await response(scope, receive, send)
