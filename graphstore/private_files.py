"""Files only this user may read: the engine's password and data, backups, history archives.

Backups and archives hold every tenant's data and the API keys' hashes, so they are written
as GRAPHSTORE_HOME is: files 0600, and the folders graphstore makes for them 0700, whatever
the umask.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
PRIVATE_UMASK = 0o077
"""For processes writing there (the engine's server): files 0600, directories 0700."""


def write_private(path: Path, text: str) -> None:
    """Writes `path` as a file only this user can read (mode 0600, whatever the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    path.chmod(PRIVATE_FILE)  # an existing file keeps its mode through O_CREAT
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def private_dirs(path: Path) -> None:
    """Makes `path` and its missing parents, each one made here 0700 (existing ones, which
    may be the caller's own choice, keep their mode)."""
    missing = []
    while not path.exists():
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        folder.chmod(PRIVATE_DIR)


def create_private(path: Path) -> BinaryIO:
    """A new file (FileExistsError when it exists) open for writing bytes, mode 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    return os.fdopen(fd, "wb")
