"""The few operating-system calls the local engine's launcher needs, portable.

Everything goes through psutil (no /proc, no `os.kill(pid, 0)`, which on Windows would
terminate the process it means to probe), except the two places where POSIX and Windows
differ in kind; each takes the platform as a parameter so both branches are unit-tested:

- detaching the server from the caller's terminal and Ctrl-C (a new session on POSIX, a new
  process group on Windows);
- asking it to stop gracefully (SIGTERM on POSIX, CTRL_BREAK_EVENT to its process group on
  Windows, which the server receives as SIGBREAK).
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from typing import Any

import psutil

WINDOWS = "win32"


def detach_options(platform: str = sys.platform) -> dict[str, Any]:
    """Popen options that let the server outlive its starter and ignore its Ctrl-C."""
    if platform == WINDOWS:
        flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)
        return {"creationflags": flags}
    return {"start_new_session": True}


def stop_signal(platform: str = sys.platform) -> int:
    """The signal that asks the server to shut down cleanly."""
    if platform == WINDOWS:
        return int(getattr(signal, "CTRL_BREAK_EVENT", 1))
    return int(signal.SIGTERM)


def stop_signals(platform: str = sys.platform) -> list[int]:
    """The signals the server treats as a stop request."""
    if platform == WINDOWS:
        return [int(getattr(signal, "SIGBREAK", 21)), int(signal.SIGINT)]
    return [int(signal.SIGTERM), int(signal.SIGINT)]


def alive(pid: int) -> bool:
    """Whether a process with this pid exists and has not exited (a zombie has, once its
    last thread has: after a kill, a JVM's main thread shows as a zombie while its other
    threads still exit, holding the process's open files and its data-directory lock for
    milliseconds, or longer on a loaded machine)."""
    try:
        process = psutil.Process(pid)
        return process.status() != psutil.STATUS_ZOMBIE or process.num_threads() > 1
    except psutil.Error:
        return False


def request_stop(pid: int) -> bool:
    """Asks the process to stop cleanly; False when it is already gone."""
    try:
        psutil.Process(pid).send_signal(stop_signal())
    except psutil.NoSuchProcess:
        return False
    return True


def wait_gone(pid: int, timeout_s: float) -> bool:
    """Waits up to `timeout_s` for the process to exit. A zombie has exited (its parent has
    not collected it yet); when the parent is this process, it is collected here."""
    deadline = time.monotonic() + timeout_s
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    with contextlib.suppress(psutil.Error):
        psutil.Process(pid).wait(timeout=0)
    return True


def started_by(pid: int, parent: int) -> bool:
    """Whether `pid` is `parent` or its child: on Windows a venv's python.exe is a launcher
    that runs the real interpreter as its child."""
    if pid == parent:
        return True
    try:
        return psutil.Process(pid).ppid() == parent
    except psutil.Error:
        return False


def kill(pid: int) -> None:
    """Ends the process at once (SIGKILL; TerminateProcess on Windows)."""
    with contextlib.suppress(psutil.NoSuchProcess):
        psutil.Process(pid).kill()


def clients(pid: int, port: int) -> list[str]:
    """Who holds an open connection to `port` of process `pid`: `address (pid N, name)`
    where the system lets us see the other end's process, else the address."""
    try:
        connections = psutil.Process(pid).net_connections(kind="tcp")
    except psutil.Error:
        return []
    peers = sorted(
        (c.raddr.ip, c.raddr.port)
        for c in connections
        if c.laddr and c.laddr.port == port and c.raddr and c.status == psutil.CONN_ESTABLISHED
    )
    owners = _local_owners({peer_port for _, peer_port in peers})
    return [f"{ip}:{peer_port}{owners.get(peer_port, '')}" for ip, peer_port in peers]


def _local_owners(ports: set[int]) -> dict[int, str]:
    if not ports:
        return {}
    try:
        found = psutil.net_connections(kind="tcp")
    except psutil.Error:  # other users' sockets need privileges on some systems
        return {}
    owners: dict[int, str] = {}
    for connection in found:
        if connection.laddr and connection.laddr.port in ports and connection.pid:
            try:
                name = psutil.Process(connection.pid).name()
            except psutil.Error:
                name = "?"
            owners[connection.laddr.port] = f" (pid {connection.pid}, {name})"
    return owners
