"""Starts, finds, reuses and stops the local ArcadeDB engine that lives under GRAPHSTORE_HOME."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

from filelock import FileLock, Timeout

from graphstore.engine import processes
from graphstore.engine.paths import (
    ENGINE_USER,
    EnginePaths,
    EngineState,
)
from graphstore.engine.server import EXIT_LOCKED
from graphstore.errors import EngineNotRunningError, EngineStartError
from graphstore.private_files import PRIVATE_FILE, PRIVATE_UMASK
from graphstore.settings import EngineSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StopReport:
    """What `LocalEngine.stop` did."""

    stopped: bool
    """A server was running and its process is gone now."""
    pid: int | None = None
    graceful: bool = True
    """False: the server did not exit within the timeout and was killed."""
    clients: tuple[str, ...] = ()
    """Connections to its Bolt port that were open when the stop began."""


@dataclass(frozen=True)
class EngineStatus:
    running: bool
    state: EngineState | None
    paths: EnginePaths
    stale: bool = False
    """A pid/state file was left by a server that no longer runs (e.g. after kill -9)."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _port_accepts(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _port_bindable(port: int) -> bool:
    """Whether a server could listen on this loopback port now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return not _port_accepts(port)


class LocalEngine:
    """The embedded default engine. Library calls start it on demand and leave it running."""

    def __init__(self, settings: EngineSettings | None = None) -> None:
        self.settings = settings or EngineSettings()
        self.paths = EnginePaths(self.settings.resolved_home)

    @property
    def user(self) -> str:
        return ENGINE_USER

    def password(self) -> str:
        return self.paths.password()

    def _server_lock_held(self) -> bool:
        probe = FileLock(self.paths.server_lock, mode=PRIVATE_FILE)
        try:
            probe.acquire(timeout=0)
        except Timeout:
            return True
        probe.release()
        return False

    def status(self) -> EngineStatus:
        if not self.paths.home.exists():
            return EngineStatus(running=False, state=None, paths=self.paths)
        state = self.paths.read_state()
        if self._server_lock_held():
            return EngineStatus(running=state is not None, state=state, paths=self.paths)
        return EngineStatus(running=False, state=None, paths=self.paths, stale=state is not None)

    def start(self) -> EngineState:
        """The running engine's state: reuses a live server, recovers a stale one, or starts one."""
        self.paths.ensure()
        with FileLock(
            self.paths.start_lock,
            timeout=self.settings.start_timeout_s + 30,
            mode=PRIVATE_FILE,
        ):
            current = self.status()
            if current.running and current.state is not None:
                log.debug("reusing local engine pid %s", current.state.pid)
                return current.state
            if current.stale:
                log.warning("removing stale engine state in %s (server gone)", self.paths.home)
                self.paths.clear_state()
            if self._server_lock_held():
                # A server holds the lock but never published its state: it is still
                # starting under another starter that timed out, or wedged. Wait for it.
                return self._wait_ready(process=None)
            return self._spawn()

    def _port(self, fixed: int | None, name: str, avoid: int | None = None) -> int:
        """A configured port, else the one the last server used while it is free, else any."""
        if fixed is not None:
            return fixed
        previous = self.paths.read_ports().get(name)
        if previous is not None and previous != avoid and _port_bindable(previous):
            return previous
        return _free_port()

    def _spawn(self) -> EngineState:
        bolt_port = self._port(self.settings.bolt_port, "bolt_port")
        http_port = self._port(self.settings.http_port, "http_port", avoid=bolt_port)
        for port in (bolt_port, http_port):
            if _port_accepts(port):
                raise EngineStartError(
                    f"port {port} on 127.0.0.1 is already in use",
                    log_file=str(self.paths.log_file),
                    log_tail=self.paths.log_tail(),
                )
        self.paths.password()  # made before the server reads it
        self.paths.write_ports(bolt_port=bolt_port, http_port=http_port)
        command = [
            sys.executable,
            "-m",
            "graphstore.engine.server",
            str(self.paths.home),
            "--bolt-port",
            str(bolt_port),
            "--http-port",
            str(http_port),
        ]
        env = dict(os.environ)
        if self.settings.heap:
            env["ARCADEDB_JVM_ARGS"] = f"-Xmx{self.settings.heap}"
        log_fd = os.open(self.paths.log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
        with os.fdopen(log_fd, "ab") as log_handle:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log_handle,
                stderr=subprocess.STDOUT,
                cwd=self.paths.server_root,
                env=env,
                **processes.detach_options(),  # outlives the caller and its Ctrl-C
                # What the engine writes (its database, logs) is this user's alone.
                umask=PRIVATE_UMASK if os.name == "posix" else -1,
            )
        log.info("starting local engine (pid %s, bolt port %s)", process.pid, bolt_port)
        return self._wait_ready(process)

    def _wait_ready(self, process: subprocess.Popen[bytes] | None) -> EngineState:
        deadline = time.monotonic() + self.settings.start_timeout_s
        while time.monotonic() < deadline:
            state = self.paths.read_state()
            ours = state is not None and (
                process is None or processes.started_by(state.pid, process.pid)
            )
            if ours and state is not None and _port_accepts(state.bolt_port):
                return state
            if process is not None and process.poll() is not None:
                reason = (
                    "another engine holds the data directory lock"
                    if process.returncode == EXIT_LOCKED
                    else f"the engine exited with code {process.returncode}"
                )
                raise EngineStartError(
                    f"local engine failed to start: {reason}",
                    log_file=str(self.paths.log_file),
                    log_tail=self.paths.log_tail(),
                )
            time.sleep(0.1)
        if process is not None:
            process.kill()
            process.wait()
        raise EngineStartError(
            f"local engine not ready after {self.settings.start_timeout_s:.0f}s",
            log_file=str(self.paths.log_file),
            log_tail=self.paths.log_tail(),
        )

    def stop(self, timeout_s: float = 30.0) -> StopReport:
        """Stops the server: a clean shutdown first, then, past `timeout_s`, a kill. Returns
        when its process is gone, with what happened."""
        if not self.paths.home.exists():
            return StopReport(stopped=False)
        with FileLock(self.paths.start_lock, timeout=timeout_s + 30, mode=PRIVATE_FILE):
            current = self.status()
            if current.stale:
                self.paths.clear_state()
            if not current.running or current.state is None:
                return StopReport(stopped=False)
            pid = current.state.pid
            connected = tuple(processes.clients(pid, current.state.bolt_port))
            if not processes.request_stop(pid):
                self.paths.clear_state()
                return StopReport(stopped=False)
            graceful = processes.wait_gone(pid, timeout_s)
            if not graceful:
                log.warning("engine pid %s did not exit within %.0fs; killing it", pid, timeout_s)
                processes.kill(pid)
                processes.wait_gone(pid, 30)
            self.paths.clear_state()
            return StopReport(stopped=True, pid=pid, graceful=graceful, clients=connected)

    def require_running(self) -> EngineState:
        current = self.status()
        if not current.running or current.state is None:
            raise EngineNotRunningError(
                f"no local engine runs on {self.paths.home}; "
                "start it with `graphstore engine start`"
            )
        return current.state
