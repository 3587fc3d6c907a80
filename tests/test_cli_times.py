"""Every command-line option that takes a time reads it under graphstore.instants' policy:
found by walking the command tree, so a new one cannot miss it."""

from __future__ import annotations

from datetime import datetime

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from graphstore.cli import app
from graphstore.cli.options import instant


def _time_options() -> list[tuple[str, str, object]]:
    found = []

    def walk(command: object, path: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")
        for parameter in getattr(command, "params", []):
            kind = getattr(parameter, "type", None)
            if (
                "TIME" in str(getattr(parameter, "metavar", "") or "")
                or "datetime" in str(getattr(kind, "name", "")).lower()
            ):
                found.append((path, parameter.name, kind))

    walk(get_command(app), "graphstore")
    return found


def test_every_time_option_uses_the_instant_parser() -> None:
    found = _time_options()
    assert {(path, name) for path, name, _ in found} >= {
        ("graphstore key create", "expires"),
        ("graphstore history compact", "before"),
    }
    for path, name, kind in found:
        assert getattr(kind, "func", None) is instant, f"{path} --{name}"
    # No option reads a datetime with Click's own parser, which knows no offsets.
    assert not [f for f in _time_options() if str(getattr(f[2], "name", "")) == "datetime"]


@pytest.mark.parametrize("value", ["2000-01-01T00:00:00+18:01", "0001-01-01T00:00:00+14:00"])
def test_a_bad_time_is_refused_before_anything_runs(value: str) -> None:
    refused = CliRunner().invoke(
        app, ["key", "create", "--tenant", "nobody", "--role", "reader", "--expires", value]
    )
    assert refused.exit_code == 2, refused.output
    assert "Invalid value for '--expires'" in refused.output


def test_the_parser_takes_dates_times_and_offsets() -> None:
    assert instant("2026-01-01") == datetime.fromisoformat("2026-01-01T00:00:00+00:00")
    assert instant("2026-01-01T12:00:00+02:00").hour == 10
    with pytest.raises(typer.BadParameter, match="beyond"):
        instant("2026-01-01T00:00:00-19:00")
