"""Writing while reading: one background thread writes an import's batches, in order, while
the importer reads and resolves the next files.

The engine is another process, so the importer's Python work (parsing, resolving,
validating) overlaps the engine's work on a machine with more than one core. At most
`depth` batches wait, so memory stays bounded. The first failure stops every later batch;
`submit` and `finish` raise it in the caller's thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType


class BackgroundWriter:
    def __init__(self, depth: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphstore-import")
        self._waiting = threading.BoundedSemaphore(depth)
        self._failure: BaseException | None = None

    def submit(self, work: Callable[[], object]) -> None:
        """Queues `work` after the batches before it; blocks while `depth` batches wait."""
        self._raise_failure()
        self._waiting.acquire()
        self._pool.submit(self._run, work)

    def _run(self, work: Callable[[], object]) -> None:
        try:
            if self._failure is None:
                work()
        except BaseException as failure:  # handed to the caller's thread, not swallowed
            self._failure = failure
        finally:
            self._waiting.release()

    def _raise_failure(self) -> None:
        if self._failure is not None:
            raise self._failure

    def finish(self) -> None:
        """Waits for every queued batch; raises the first failure."""
        self._pool.shutdown(wait=True)
        self._raise_failure()

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # On the caller's own failure, drop what has not started and wait for what has.
        self._pool.shutdown(wait=True, cancel_futures=kind is not None)
