"""Race harness: N callables released at once, their outcomes, and whether they overlapped.

A race test is only evidence if the racers really ran at the same time, so every round
records when each call started and ended; `Rounds` counts the rounds in which every call
was in flight at one instant, and a test asserts enough of them did.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from api.settings import ApiSettings
from graphstore import Graph, GraphStore
from graphstore.migrations import migrate
from graphstore.tenancy.keys import create_key
from graphstore.tenancy.tenants import create_tenant
from testkit.served_api import Server


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None
    started: float = 0.0
    ended: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def race(*calls: Callable[[], Any]) -> list[Outcome]:
    """Runs every call in its own thread, all released by one barrier."""
    outcomes = [Outcome() for _ in calls]
    barrier = threading.Barrier(len(calls))

    def runner(index: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        outcome = outcomes[index]
        outcome.started = time.perf_counter()
        try:
            outcome.value = call()
        except BaseException as error:  # the outcome, for the test to judge
            outcome.error = error
        outcome.ended = time.perf_counter()

    threads = [threading.Thread(target=runner, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def overlapped(outcomes: list[Outcome]) -> bool:
    """Every call was in flight at one instant: the latest start precedes the first end."""
    return max(o.started for o in outcomes) < min(o.ended for o in outcomes)


@dataclass
class Rounds:
    name: str
    played: int = 0
    overlapping: int = 0
    notes: list[str] = field(default_factory=list)

    def record(self, outcomes: list[Outcome]) -> None:
        self.played += 1
        self.overlapping += overlapped(outcomes)

    def assert_raced(self, at_least: float = 0.5) -> None:
        """Enough rounds really overlapped for the assertions to be evidence."""
        print(f"{self.name}: {self.overlapping} of {self.played} rounds overlapped")
        assert self.overlapping >= max(1, int(self.played * at_least)), (
            f"{self.name}: only {self.overlapping} of {self.played} rounds overlapped"
        )


PLATFORM_KEY = "race-platform-key"


@dataclass
class Racers:
    """Whose writes race: the single-tenant default, or a tenant of a multi-tenant graph
    (where its store is the tenant's and its HTTP key an admin key of it)."""

    store: GraphStore
    key: str | None = None

    def server(self) -> Server:
        settings = ApiSettings(api_key=PLATFORM_KEY if self.key else None)
        return Server(self.store.graph, settings)


@pytest.fixture(params=["default", "tenant"])
def racers(request: pytest.FixtureRequest, graph: Graph) -> Racers:
    migrate(graph)
    if request.param == "default":
        return Racers(GraphStore(graph, actor="racer"))
    create_tenant(graph, {"id": "racers"})
    create_tenant(graph, {"id": "bystanders"})
    key = create_key(graph, "racers", {"role": "admin"}).secret
    return Racers(GraphStore(graph, actor="racer", tenant="racers"), key)


@pytest.fixture
def store(racers: Racers) -> GraphStore:
    return racers.store


@pytest.fixture
def api(racers: Racers) -> Iterator[Server]:
    """The API over the test's (migrated, empty) graph, served over real HTTP."""
    with racers.server() as server:
        yield server
