"""The built wheel works where users install it: outside the repository.

The wheel and sdist are built, the wheel is installed into a fresh virtual environment in a
temporary directory, and its `graphstore` command migrates, loads the demo, validates and
serves from there, with no path to the source tree. That proves the named queries,
migrations, rules pack and demo data all load from the installed package. Then the engine is
stopped and the package uninstalled.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from testkit.served_api import free_port

REPO = Path(__file__).resolve().parents[1]
RESOURCES = ("cypher", "migrations", "data")

pytestmark = pytest.mark.slow


def _run(*command: str | Path, cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = done.stdout + done.stderr
    assert done.returncode in ok, f"{command} exited {done.returncode}:\n{output[-4000:]}"
    return output


def _resource_sizes(wheel: Path) -> dict[str, tuple[int, int]]:
    """Per resource folder in the wheel: (files, bytes)."""
    sizes: dict[str, tuple[int, int]] = {}
    with zipfile.ZipFile(wheel) as archive:
        for info in archive.infolist():
            parts = info.filename.split("/")
            if parts[:2] == ["graphstore", "_resources"] and len(parts) > 3:
                files, size = sizes.get(parts[2], (0, 0))
                sizes[parts[2]] = (files + 1, size + info.file_size)
    return sizes


def test_the_wheel_installs_and_runs_outside_the_repository(tmp_path: Path) -> None:
    dist, work, home = tmp_path / "dist", tmp_path / "work", tmp_path / "home"
    work.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEO4J_", "GRAPHSTORE_", "PYTHON", "VIRTUAL_ENV"))
    }
    env["GRAPHSTORE_HOME"] = str(home)
    _run(sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", dist, REPO,
         cwd=work, env=env)  # fmt: skip
    [wheel] = dist.glob("graphstore-*.whl")
    assert list(dist.glob("graphstore-*.tar.gz")), "an sdist too"
    sizes = _resource_sizes(wheel)
    print(f"{wheel.name}: {wheel.stat().st_size:,} bytes; resources (files, bytes): {sizes}")
    assert set(sizes) == set(RESOURCES)

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=work, env=env)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python, graphstore = bin_dir / "python", bin_dir / "graphstore"
    _run(python, "-m", "pip", "install", "--quiet", wheel, cwd=work, env=env)
    where = _run(python, "-c", "import graphstore, sys; print(graphstore.__file__)", cwd=work,
                 env=env).strip()  # fmt: skip
    assert Path(where).is_relative_to(venv), f"imported from {where}, not the installed wheel"

    try:
        _run(graphstore, "migrate", cwd=work, env=env)
        _run(graphstore, "demo", cwd=work, env=env)
        validated = _run(graphstore, "validate", "--all", cwd=work, env=env, ok=(0, 1))
        assert "error" in validated.lower()  # the demo's planted problems are found
        port = free_port()
        server = subprocess.Popen(
            [str(graphstore), "serve", "--port", str(port)],
            cwd=work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    health = httpx.get(f"{base}/health/details", timeout=5)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the API did not come up"
                    time.sleep(0.5)
            assert health.status_code == 200
            assert health.json()["schema_version"]
            units = httpx.get(f"{base}/v1/units", timeout=10).json()
            assert units["total"] > 0
            # the explorer's page and its npm-built bundle ship in the wheel
            assert "graphstore explorer" in httpx.get(f"{base}/explore", timeout=10).text
            bundle = httpx.get(f"{base}/explore/assets/explore.js", timeout=10)
            assert bundle.status_code == 200
            assert len(bundle.content) > 100_000
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        _run(graphstore, "engine", "stop", cwd=work, env=env)
    _run(python, "-m", "pip", "uninstall", "--yes", "--quiet", "graphstore", cwd=work, env=env)
    assert not graphstore.exists()
