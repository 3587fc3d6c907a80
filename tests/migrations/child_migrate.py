"""Runs one migrate in a separate process, for the concurrency and kill -9 tests.

Usage: python -m tests.migrations.child_migrate URI PASSWORD DATABASE MIGRATIONS_DIR LOCK_WAIT_S
Prints "applied: ..." or "error: ..." and exits 0 or 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from graphstore import GraphStoreError, connect
from graphstore.migrations import Migrator


def main() -> int:
    uri, password, database, directory, lock_wait_s = sys.argv[1:6]
    with connect(uri, user="root", password=password, database=database) as g:
        try:
            result = Migrator(g, Path(directory), lock_wait_s=float(lock_wait_s)).migrate()
        except GraphStoreError as error:
            print(f"error: {type(error).__name__}: {error}", flush=True)
            return 1
    print(f"applied: {','.join(result.applied)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
