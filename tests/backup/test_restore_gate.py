"""While `backup restore --replace` rebuilds the graph, the API serves none of it (row 9 of
issue #31): a client polling through the restore sees the old graph, then 503, then the
restored graph, never a 404 for a unit both graphs hold; and a write sent while the restore
runs is refused (the restore's own check of the result would fail on one that landed)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from graphstore import GraphStore
from graphstore.backup import create, restore
from testkit.served_api import Server
from tests.api.helpers import new_unit

# The API looks for the restore's mark at least this often (api.restore_gate).
NOTICED_WITHIN_S = 0.6


def test_the_api_serves_nothing_while_a_restore_replaces_the_graph(
    catalog: GraphStore, tmp_path: Path
) -> None:
    graph = catalog.graph
    catalog.units.create(new_unit("kept-mech"))
    backup = tmp_path / "whole.gsb"
    create(graph, backup)
    reads: list[tuple[float, int]] = []
    writes: list[tuple[float, int]] = []
    done = threading.Event()
    with Server(graph) as server:

        def poll() -> None:
            with httpx.Client(base_url=server.url, timeout=30) as client:
                while not done.is_set():
                    at = time.monotonic()
                    reads.append((at, client.get("/v1/units/kept-mech").status_code))
                    if len(reads) % 5 == 0:
                        at = time.monotonic()
                        made = client.post("/v1/units", json=new_unit(f"stray-{len(reads)}"))
                        writes.append((at, made.status_code))

        poller = threading.Thread(target=poll)
        poller.start()
        time.sleep(0.5)
        began = time.monotonic()
        restore(graph, backup, replace=True)  # checks the result against the backup
        ended = time.monotonic()
        # The API notices the mark gone within NOTICED_WITHIN_S too: only reads after that
        # must see the restored graph (a shorter wait made "and after" a race it could lose).
        time.sleep(NOTICED_WITHIN_S + 0.5)
        done.set()
        poller.join()

    def during(calls: list[tuple[float, int]]) -> list[int]:
        return [status for at, status in calls if began + NOTICED_WITHIN_S < at < ended - 0.05]

    statuses = [status for _, status in reads]
    assert 404 not in statuses, "a half-restored graph was served"
    assert set(statuses) <= {200, 503}
    assert during(reads), "no read ran while the restore did"
    assert set(during(reads)) == {503}
    assert set(during(writes)) <= {503}
    assert statuses[0] == 200, "served before"
    assert statuses[-1] == 200, "and after"
