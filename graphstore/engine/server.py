"""The local engine's server process: ArcadeDB with its Bolt plugin, on loopback only.

LocalEngine starts this as a child process (`python -m graphstore.engine.server HOME ...`),
so the JVM never lives inside the API or a user's program. The process holds the server
lock for its whole life, publishes engine.json once Bolt accepts connections, and stops
cleanly on SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
import threading
import traceback
from pathlib import Path

from filelock import FileLock, Timeout

from graphstore.engine import processes
from graphstore.engine.paths import DATABASE_NAME, EnginePaths, EngineState
from graphstore.private_files import PRIVATE_FILE

EXIT_LOCKED = 3
_BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="graphstore-engine-server")
    parser.add_argument("home", type=Path)
    parser.add_argument("--bolt-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--database", default=DATABASE_NAME)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    paths = EnginePaths(args.home.resolve())
    paths.ensure()
    lock = FileLock(paths.server_lock, mode=PRIVATE_FILE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(f"another engine already runs on {paths.home}", file=sys.stderr)
        return EXIT_LOCKED

    stop_requested = threading.Event()
    for signum in processes.stop_signals():
        signal.signal(signum, lambda *_: stop_requested.set())

    # ArcadeDB writes ./log relative to the working directory; keep it inside the home.
    os.chdir(paths.server_root)
    import arcadedb_embedded

    server = arcadedb_embedded.create_server(
        str(paths.server_root),
        root_password=paths.password(),
        config={
            "host": "127.0.0.1",
            "http_port": args.http_port,
            "server_plugins": _BOLT_PLUGIN,
            "bolt_port": args.bolt_port,
            "bolt_defaultDatabase": args.database,
        },
    )
    server.start()
    try:
        if (paths.server_root / "databases" / args.database).is_dir():
            server.get_database(args.database)
        else:
            server.create_database(args.database)
        paths.write_state(
            EngineState(
                pid=os.getpid(),
                bolt_port=args.bolt_port,
                http_port=args.http_port,
                database=args.database,
                version=arcadedb_embedded.__version__,
                started_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            )
        )
        print(f"graphstore engine ready on bolt://127.0.0.1:{args.bolt_port}", flush=True)
        while not stop_requested.wait(timeout=1.0):
            pass
    finally:
        paths.clear_state()
        server.stop()
    print("graphstore engine stopped", flush=True)
    return 0


if __name__ == "__main__":
    try:
        code = main()
    except BaseException:  # a failed start must not leave a half-started JVM behind either
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    # A hard exit: the JVM would otherwise wait for the threads of clients still connected
    # and keep this process (and its memory) alive after the server is down. The server
    # lock is released by the exit itself, so no second server can start on this home
    # while any of this process remains.
    os._exit(code)
