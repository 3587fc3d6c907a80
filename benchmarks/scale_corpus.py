"""A deterministic large corpus from the shared one: every unit file copied with a renamed id.

Copy 0 keeps the source ids; copy k (k >= 1) appends `-r<k>` to the id and ` R<k>` to the
model, so copies are distinct units with distinct names that carry the same equipment and
construction. The equipment catalog is shared (a symlink), as it would be in real use.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

MANIFEST = "scale-manifest.json"


def source_files(source: Path) -> list[Path]:
    return sorted((source / "units").rglob("*.json"))


def build(source: Path, target: Path, units: int) -> dict[str, int]:
    """Writes about UNITS unit files under TARGET/units (a multiple of the source's files,
    cut at UNITS); reuses TARGET when it already holds the same build."""
    files = source_files(source)
    copies = max(1, math.ceil(units / len(files)))
    wanted = {"units": units, "copies": copies, "source_files": len(files)}
    manifest = target / MANIFEST
    if manifest.is_file() and json.loads(manifest.read_text()) == wanted:
        return wanted
    if target.exists():
        shutil.rmtree(target)
    (target / "units").mkdir(parents=True)
    (target / "equipment").symlink_to((source / "equipment").resolve())
    written = 0
    for copy in range(copies):
        for path in files:
            if written >= units:
                break
            data = json.loads(path.read_bytes())
            if copy:
                data["id"] = f"{data['id']}-r{copy}"
                data["model"] = f"{data.get('model') or ''} R{copy}".strip()
            relative = path.relative_to(source / "units")
            out = target / "units" / relative.parent / f"{relative.stem}-r{copy}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(data), encoding="utf-8")
            written += 1
    manifest.write_text(json.dumps(wanted))
    return wanted
