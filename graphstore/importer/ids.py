"""Source ids made into store ids: URL-safe (graphstore.store.models.ID_PATTERN) and stable.

A source id that already fits is kept as it is. Any other is repaired and folded to ASCII
(`gÃ¶tterdÃ¤mmerung`, UTF-8 read as Latin-1, becomes `gotterdammerung`), every run of other
characters becomes one `-`, and the import report lists the rewrite. Placeholders for
unresolved references, whose originals may hold anything, also get a short hash so that two
originals never share one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from graphstore.store.models import ID_MAX, ID_PATTERN

_VALID = re.compile(ID_PATTERN)
_OTHER = re.compile(r"[^A-Za-z0-9._~-]+")
PLACEHOLDER_PREFIX = "unresolved-"


def _unmangled(text: str) -> str:
    """Undoes UTF-8 text decoded as Latin-1 (mojibake), when that is what it is."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def store_id(source: str) -> str:
    """The source id itself when it is URL-safe, else its ASCII, hyphenated form."""
    if _VALID.match(source) and len(source) <= ID_MAX:
        return source
    folded = unicodedata.normalize("NFKD", _unmangled(source))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    cleaned = _OTHER.sub("-", ascii_text).strip("-._~")
    if not cleaned or len(cleaned) > ID_MAX:
        cleaned = f"{cleaned[: ID_MAX - 9]}-{_digest(source)}" if cleaned else _digest(source)
    return cleaned


def placeholder_id(original: str) -> str:
    """The id of the placeholder for an unresolved reference; distinct originals never share."""
    safe = store_id(original)
    suffix = "" if safe == original else f"-{_digest(original)}"
    return f"{PLACEHOLDER_PREFIX}{safe[: ID_MAX - len(PLACEHOLDER_PREFIX) - 9]}{suffix}"


def category_id(path: str) -> str:
    """A category's id from its path: `weapons/energy` becomes `weapons-energy`."""
    return store_id(path.replace("/", "-"))
