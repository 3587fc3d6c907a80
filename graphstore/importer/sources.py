"""Reading JSON files of an import root: parse errors become report entries, never crashes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from graphstore.importer.report import ImportReport


def relative_name(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def read_json(root: Path, path: Path, report: ImportReport) -> Any | None:
    """The parsed document, or None after reporting why the file cannot be read."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        report.add_error(relative_name(root, path), "", f"not UTF-8 text: {error}; skipped")
    except json.JSONDecodeError as error:
        report.add_error(
            relative_name(root, path),
            "",
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); skipped",
        )
    except OSError as error:
        report.add_error(relative_name(root, path), "", f"cannot be read: {error}; skipped")
    return None


def content_hash(*parts: Any) -> str:
    """A stable SHA-256 over JSON-serializable parts (key order does not matter)."""
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def field_path(location: tuple[int | str, ...]) -> str:
    """pydantic's error location as `equipment[3].location`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text
