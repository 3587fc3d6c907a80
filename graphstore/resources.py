"""Where the shipped .cypher files live: the repository top level, or inside a wheel."""

from __future__ import annotations

from pathlib import Path

from graphstore.errors import ConfigurationError

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The directory `cypher` or `migrations`, wherever this installation keeps it."""
    for candidate in (_PACKAGE_DIR / "_resources" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise ConfigurationError(f"graphstore's {name}/ directory is missing from this installation")


def rules_pack_path() -> Path:
    """The rules pack this installation ships (data/rules/battletech.yaml): its rules and its
    construction tables."""
    return resource_dir("data") / "rules" / "battletech.yaml"
