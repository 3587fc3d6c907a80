"""Name search as people type it: words and word prefixes, whatever the case and accents.

A name's words are its runs of letters and digits, folded (NFKD, marks dropped, casefolded):
"Atlas AS7-D" is `atlas`, `as7`, `d`; "Café" is `cafe`. A query matches a name when each of
its words starts one of the name's words: "as7", "atl d" and "hunch" match as a person
expects, "tlas" does not. Both sides fold the same way, here, so what the read model stores
and what it is asked are compared as equals.
"""

from __future__ import annotations

import re
import unicodedata

_RUN = re.compile(r"[^\W_]+")  # letters and digits, in any script


def fold(text: str) -> str:
    """`text` without case or accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def words(text: str | None) -> list[str]:
    """The distinct words of a name, in order."""
    found = _RUN.findall(fold(text or ""))
    return list(dict.fromkeys(found))


def matches(query_words: list[str], name: str | None) -> bool:
    """Whether each query word starts one of the name's words (the plain statement of the
    search, which the read model's SQL must agree with)."""
    names = words(name)
    return all(any(word.startswith(prefix) for word in names) for prefix in query_words)
