"""The local engine's life cycle: start, reuse, lock, kill -9 recovery, timeouts, stop, CLI."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from graphstore import EngineSettings, EngineStartError, LocalEngine, connect
from graphstore.engine import processes
from graphstore.engine.server import EXIT_LOCKED


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalEngine]:
    engine = LocalEngine(EngineSettings(home=tmp_path_factory.mktemp("engine")))
    engine.start()
    yield engine
    engine.stop()


def _wait_dead(pid: int) -> None:
    assert processes.wait_gone(pid, 10), f"pid {pid} still alive"


def test_second_start_reuses_the_running_server(running: LocalEngine) -> None:
    first = running.status().state
    assert first is not None
    began = time.monotonic()
    again = running.start()
    assert again.pid == first.pid
    assert time.monotonic() - began < 1.0, "reuse must not start a JVM"


def test_password_is_random_and_private(running: LocalEngine, tmp_path: Path) -> None:
    mode = stat.S_IMODE(running.paths.credentials_file.stat().st_mode)
    assert mode == 0o600
    other = LocalEngine(EngineSettings(home=tmp_path))
    assert other.password() != running.password()
    assert len(running.password()) >= 24


def test_graphstore_home_is_this_users_alone(running: LocalEngine) -> None:
    """The home is 0700 and every file in it, ours and the engine's (database, logs,
    locks), is 0600 or tighter: nothing is readable by group or others."""
    home = running.paths.home
    with connect(engine_settings=running.settings) as graph:
        graph.driver.execute_query("CREATE (:PermissionProbe)", database_=graph.database)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    found = [home, *home.rglob("*")]
    assert len(found) > 10, "the engine has written its files"
    shared = [
        f"{path.relative_to(home)} {oct(stat.S_IMODE(path.stat().st_mode))}"
        for path in found
        if not path.is_symlink() and path.stat().st_mode & 0o077
    ]
    assert shared == []


def test_an_existing_home_is_made_private(tmp_path: Path) -> None:
    home = tmp_path / "old-home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    LocalEngine(EngineSettings(home=home)).paths.ensure()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


def test_bolt_listens_on_loopback_only(running: LocalEngine) -> None:
    state = running.status().state
    assert state is not None
    listening = {
        c.laddr.ip
        for c in psutil.Process(state.pid).net_connections(kind="tcp")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == state.bolt_port
    }
    assert listening, "the engine listens on its bolt port"
    # Java's dual-stack sockets show 127.0.0.1 as ::ffff:127.0.0.1.
    assert listening <= {"127.0.0.1", "::ffff:127.0.0.1"}, f"bolt bound to {listening}"


def test_a_second_server_on_the_same_home_is_refused(running: LocalEngine) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "graphstore.engine.server", str(running.paths.home),
         "--bolt-port", "1", "--http-port", "2"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == EXIT_LOCKED
    assert "another engine already runs" in result.stderr


def test_configured_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        engine = LocalEngine(EngineSettings(home=tmp_path, bolt_port=port))
        with pytest.raises(EngineStartError, match=f"port {port}") as raised:
            engine.start()
    assert str(engine.paths.log_file) in str(raised.value)


def test_readiness_timeout_names_the_log_file(tmp_path: Path) -> None:
    engine = LocalEngine(EngineSettings(home=tmp_path, start_timeout_s=0.3))
    with pytest.raises(EngineStartError, match="not ready after") as raised:
        engine.start()
    assert raised.value.log_file == str(engine.paths.log_file)
    assert str(engine.paths.log_file) in str(raised.value)
    assert not engine.status().running


def test_kill_9_leaves_a_stale_state_that_the_next_start_recovers(tmp_path: Path) -> None:
    engine = LocalEngine(EngineSettings(home=tmp_path))
    state = engine.start()
    with connect(engine_settings=engine.settings) as graph:
        graph.write("health/node_count")  # a round trip before the kill
        graph.driver.execute_query("CREATE (:KillProbe {n: 1})", database_=graph.database)
    os.kill(state.pid, signal.SIGKILL)
    _wait_dead(state.pid)

    stale = engine.status()
    assert not stale.running
    assert stale.stale

    recovered = engine.start()
    try:
        assert recovered.pid != state.pid
        assert engine.status().running
        with connect(engine_settings=engine.settings) as graph:
            assert graph.read("health/node_count")[0]["nodes"] == 1, "committed data survives"
    finally:
        assert engine.stop().stopped
    assert not engine.status().running
    assert not engine.stop().stopped, "stopping a stopped engine reports that nothing ran"


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRAPHSTORE_HOME": str(home)}
    env.pop("NEO4J_URI", None)
    return subprocess.run(
        [sys.executable, "-m", "graphstore", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_cli_start_status_reuse_stop(tmp_path: Path) -> None:
    started = _cli(tmp_path, "engine", "start")
    assert started.returncode == 0, started.stderr
    assert "started engine pid" in started.stdout
    try:
        again = _cli(tmp_path, "engine", "start")
        assert "reused running engine" in again.stdout
        status = _cli(tmp_path, "engine", "status")
        assert status.returncode == 0, status.stdout + status.stderr
        for field in ("uri:      bolt://127.0.0.1:", "pid:", str(tmp_path), "ArcadeDB 26."):
            assert field in status.stdout
    finally:
        stopped = _cli(tmp_path, "engine", "stop")
    assert "stopped engine" in stopped.stdout
    assert _cli(tmp_path, "engine", "status").returncode == 3


def test_stop_under_a_connected_api_leaves_no_engine_process(tmp_path: Path) -> None:
    """A client still connected (the API after `make run`) used to keep the engine's
    process alive after `engine stop`; the next start then ran a second one."""
    from testkit.served_api import Server

    engine = LocalEngine(EngineSettings(home=tmp_path))
    state = engine.start()
    with connect(engine_settings=engine.settings) as graph, Server(graph) as api:
        assert httpx.get(f"{api.url}/health").status_code == 200
        report = engine.stop(timeout_s=20)
        assert report.stopped
        assert report.pid == state.pid
        assert report.clients, "the API's connections were open and are reported"
        assert not processes.alive(state.pid), "no engine process remains"
        assert not engine.status().running
    again = engine.start()
    try:
        assert again.pid != state.pid
        servers = [
            p
            for p in psutil.process_iter(["cmdline"])
            if "graphstore.engine.server" in " ".join(p.info["cmdline"] or [])
            and str(tmp_path) in " ".join(p.info["cmdline"] or [])
        ]
        assert [p.pid for p in servers] == [again.pid], "one engine process per home"
    finally:
        engine.stop()


@pytest.mark.parametrize(
    ("platform", "detach", "stop"),
    [
        ("linux", {"start_new_session": True}, signal.SIGTERM),
        ("darwin", {"start_new_session": True}, signal.SIGTERM),
        ("win32", {"creationflags": 0x200}, 1),  # CREATE_NEW_PROCESS_GROUP, CTRL_BREAK_EVENT
    ],
)
def test_the_platform_branches(platform: str, detach: dict[str, object], stop: int) -> None:
    assert processes.detach_options(platform) == detach
    assert processes.stop_signal(platform) == stop
    signals = processes.stop_signals(platform)
    assert len(signals) == 2
    assert (21 in signals) == (platform == "win32")  # SIGBREAK, which CTRL_BREAK raises


def test_process_queries_on_this_system() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert processes.alive(child.pid)
        assert processes.request_stop(child.pid)
        assert processes.wait_gone(child.pid, 10)
        assert not processes.alive(child.pid)
        assert not processes.request_stop(child.pid)
    finally:
        child.kill()
        child.wait()


def test_a_zombie_counts_as_gone() -> None:
    """A stop run from another process than the engine's starter sees the engine as a
    zombie until the starter collects it: that is a stopped engine, not one to wait for."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while psutil.Process(child.pid).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert not processes.alive(child.pid)
    started = time.monotonic()
    assert processes.wait_gone(child.pid, 5)
    assert time.monotonic() - started < 1


def test_a_damaged_credentials_file_is_a_clear_error(tmp_path: Path) -> None:
    from graphstore.errors import ConfigurationError

    engine = LocalEngine(EngineSettings(home=tmp_path))
    engine.paths.ensure()
    engine.paths.credentials_file.write_text("")
    with pytest.raises(ConfigurationError, match="damaged"):
        engine.password()
    engine.paths.credentials_file.unlink()
    first = engine.password()
    assert first == engine.password()
    assert stat.S_IMODE(engine.paths.credentials_file.stat().st_mode) == 0o600
    assert list(tmp_path.glob(".credentials*")) == []
