"""Reading the files of an import root: whatever is wrong with one file becomes that file's
entry in the report, never a stopped import."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from graphstore.importer.report import ImportReport

# The largest file an import reads. The corpus's largest catalog is about 1 MB; a bigger
# file is more likely a mistake than data, and reading it whole would cost memory.
MAX_FILE_BYTES = 32 * 1024 * 1024


def relative_name(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def files_under(root: Path, folder: Path, report: ImportReport) -> list[Path]:
    """The `*.json` files below `folder`, sorted. A link that leads outside `root` is
    reported and left out, so an import reads only what its root holds; so is anything
    named `*.json` that is not a file (a directory, a socket)."""
    if not folder.is_dir():
        return []
    inside = root.resolve()
    found = []
    for path in sorted(folder.rglob("*.json")):
        if not path.resolve().is_relative_to(inside):
            report.add_error(
                relative_name(root, path), "", "a link to a file outside the import root; skipped"
            )
            continue
        if path.is_file():
            found.append(path)
        else:
            report.add_error(relative_name(root, path), "", "not a file; skipped")
    return found


def read_json(root: Path, path: Path, report: ImportReport) -> Any | None:
    """The parsed document, or None after reporting why the file cannot be read."""
    shown = relative_name(root, path)
    problem: str
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problem = f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
        else:
            return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        problem = f"not UTF-8 text: {error}"
    except json.JSONDecodeError as error:
        problem = f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
    except RecursionError:
        problem = "nested too deeply to parse"
    except ValueError as error:  # an integer literal of thousands of digits, say
        problem = f"not valid JSON ({error})"
    except OSError as error:
        problem = f"cannot be read: {error.strerror or error}"
    report.add_error(shown, "", f"{problem}; skipped")
    return None


def describe(error: BaseException) -> str:
    """An unexpected failure while reading one file, for the report."""
    return f"could not be read ({type(error).__name__}: {error})"


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
