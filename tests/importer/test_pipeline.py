"""The importer's background writer: order, bounded queue, failures in the caller's thread."""

from __future__ import annotations

import threading
import time

import pytest

from graphstore.importer.pipeline import BackgroundWriter


def test_batches_run_in_order_on_one_thread() -> None:
    seen: list[tuple[int, str]] = []
    with BackgroundWriter() as writer:
        for n in range(20):
            writer.submit(lambda n=n: seen.append((n, threading.current_thread().name)))
        writer.finish()
    assert [n for n, _ in seen] == list(range(20))
    assert len({name for _, name in seen}) == 1
    assert seen[0][1] != threading.current_thread().name


def test_at_most_depth_batches_wait() -> None:
    release = threading.Event()
    waiting: list[int] = []
    with BackgroundWriter(depth=2) as writer:
        writer.submit(release.wait)
        writer.submit(lambda: waiting.append(1))
        blocked = threading.Thread(target=lambda: writer.submit(lambda: waiting.append(2)))
        blocked.start()
        time.sleep(0.2)
        assert blocked.is_alive(), "a third batch waits for room"
        release.set()
        blocked.join(5)
        writer.finish()
    assert waiting == [1, 2]


def test_the_first_failure_stops_later_batches_and_reaches_the_caller() -> None:
    ran: list[int] = []

    def fail() -> None:
        raise ValueError("batch 2 refused")

    def import_ten() -> None:
        with BackgroundWriter() as writer:
            writer.submit(lambda: ran.append(1))
            writer.submit(fail)
            for n in range(3, 10):
                time.sleep(0.01)
                writer.submit(lambda n=n: ran.append(n))
            writer.finish()

    with pytest.raises(ValueError, match="batch 2 refused"):
        import_ten()
    assert ran == [1]
