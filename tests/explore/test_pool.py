"""Explorer load beside the request path, over real HTTP: a long explorer query takes its
one slot until the engine is done with it; explorer queries sent meanwhile are refused at
once (429), never queued; and the API's own reads go on answering 200 all the while."""

from __future__ import annotations

import threading
import time

import httpx

from graphstore import Graph
from graphstore.explore import run as explore_run
from testkit.served_api import Server

# About 2 to 5 s of engine time on the 2-core machines here: long enough to overlap.
LONG = "UNWIND range(1, 6000000) AS x WITH x WHERE x % 7 = 0 RETURN count(*) AS n"
UNIT = "/v1/units/hunchback-hbk-4g"


def test_a_long_explorer_query_never_stalls_the_api(demo_graph: Graph) -> None:
    overlapping_rounds = 0
    with Server(demo_graph) as server, server.client() as client:
        for _ in range(2):
            answer: dict[str, httpx.Response] = {}

            def explore(into: dict[str, httpx.Response] = answer) -> None:
                with server.client() as own:
                    into["long"] = own.post("/v1/explore/query", json={"query": LONG})

            long = threading.Thread(target=explore)
            long.start()
            deadline = time.monotonic() + 10
            while not explore_run.busy() and time.monotonic() < deadline:
                time.sleep(0.01)
            refused = [
                client.post("/v1/explore/query", json={"query": "RETURN 1"}) for _ in range(4)
            ]
            reads = []
            for _ in range(20):
                started = time.monotonic()
                reads.append((client.get(UNIT).status_code, time.monotonic() - started))
            overlapped = explore_run.busy()
            long.join()
            assert explore_run.wait_until_idle(120)
            assert [r.status_code for r in refused] == [429] * 4, refused[0].text
            assert all(r.headers["retry-after"] for r in refused)
            assert "one is running" in refused[0].json()["detail"]
            assert {status for status, _ in reads} == {200}
            # A read waits for nothing the explorer holds: 2 s is many times one read here,
            # and far below the explorer query it ran beside.
            assert max(took for _, took in reads) < 2.0, reads
            assert answer["long"].status_code in (200, 422), answer["long"].text
            overlapping_rounds += overlapped
        ok = client.post("/v1/explore/query", json={"query": "RETURN 1 AS one"})
        assert ok.status_code == 200, "the slot is free again once the engine is done"
    assert overlapping_rounds >= 1, "the reads never ran while the explorer query did"
