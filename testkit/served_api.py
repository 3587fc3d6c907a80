"""The API served by uvicorn on loopback, in this process: what a real client talks to."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import uvicorn

from api.main import create_app
from api.server import config as server_config
from api.settings import ApiSettings
from graphstore import Graph


def free_port() -> int:
    """A TCP port on loopback nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """The API served by uvicorn on loopback in this process, as clients see it."""

    def __init__(self, graph: Graph, settings: ApiSettings | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = settings or ApiSettings(api_key=None)
        config = server_config(
            create_app(graph, settings),
            host="127.0.0.1",
            port=self.port,
            settings=settings,
            log_level="warning",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> Server:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the API did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60)
