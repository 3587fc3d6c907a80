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

from graphstore import Graph, GraphStore
from graphstore.migrations import migrate
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


@pytest.fixture
def store(graph: Graph) -> GraphStore:
    migrate(graph)
    return GraphStore(graph, actor="racer")


@pytest.fixture
def api(store: GraphStore) -> Iterator[Server]:
    """The API over the test's (migrated, empty) graph, served over real HTTP."""
    with Server(store.graph) as server:
        yield server
