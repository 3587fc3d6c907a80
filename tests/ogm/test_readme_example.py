"""The README's "Python objects" example runs as written, so it cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphstore import EngineSettings, Graph
from graphstore.importer import load_demo
from graphstore.migrations import migrate
from tests.conftest import REPO_ROOT


def _example() -> str:
    readme = (REPO_ROOT / "README.md").read_text()
    section = readme.split("## Python objects", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "the Python objects section lost its example"
    return match.group(1)


def test_readme_python_objects_example_runs(
    graph: Graph,
    engine_settings: EngineSettings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    migrate(graph)
    load_demo(graph)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("GRAPHSTORE_HOME", str(Path(engine_settings.home)))
    exec(compile(_example(), "README.md", "exec"), {})  # noqa: S102 - our own README
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("Hunchback HBK-4G / ")
    assert "AC/20" in printed[0] or "Autocannon/20" in printed[0]
    assert "Laser" in printed[1]
