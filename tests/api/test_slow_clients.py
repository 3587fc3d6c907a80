"""Clients that send slowly over a real socket (row 18 of issue #31): the headers and the
body each have a deadline (ApiSettings.header_timeout_s, body_timeout_s), after which the
API answers 408 and closes the connection, instead of holding it open."""

from __future__ import annotations

import socket
import time

from api.settings import ApiSettings
from graphstore import Graph
from testkit.served_api import Server

SETTINGS = ApiSettings(api_key=None, header_timeout_s=1.0, body_timeout_s=1.0)


def _trickle(port: int, parts: list[bytes], pause_s: float) -> tuple[bytes, float]:
    """Sends `parts` with a pause between each; what came back, and after how long."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        answer = b""
        for part in parts:
            try:
                sock.sendall(part)
            except OSError:
                break  # closed on us: read what it said
            sock.settimeout(pause_s)
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                continue
            answer += chunk
            if not chunk or b"\r\n\r\n" in answer:
                break
        sock.settimeout(5)
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer, time.monotonic() - started


def test_headers_that_trickle_in_get_408_and_the_connection_closes(demo_graph: Graph) -> None:
    request = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 40 + b"\r\n\r\n"
    with Server(demo_graph, SETTINGS) as server:
        answer, took = _trickle(server.port, [bytes([b]) for b in request], 0.1)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert b"headers did not arrive within 1 s" in answer
        assert took < 4, "closed near the deadline, not when the client gave up"
        # A client that sends in time is served as ever.
        fine, _ = _trickle(server.port, [b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"], 1.0)
        assert fine.startswith(b"HTTP/1.1 200"), fine[:200]


def test_a_body_that_trickles_in_gets_408(demo_graph: Graph) -> None:
    head = (
        b"POST /v1/units HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
        b"content-length: 100\r\n\r\n"
    )
    with Server(demo_graph, SETTINGS) as server:
        answer, took = _trickle(server.port, [head, *[b"{" for _ in range(60)]], 0.1)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:300]
        assert b"body did not arrive within 1 s" in answer
        assert took < 4
