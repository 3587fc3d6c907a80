"""The text policy for every string a caller stores (docs/api.md, "Input policy").

Text is normalised to NFC, so two spellings of one name are one string, and refuses
characters that only hide or reorder what a reader sees: C0/C1 controls and the Unicode
line and paragraph separators (tab and line breaks are allowed where a field may span
lines), and the bidirectional marks, overrides and isolates, which can make `abc` display
as `cba`.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator

# U+061C, U+200E/U+200F marks, U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_LINE_BREAKS = frozenset("\t\n\r")
# U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR break a line as \n does.
_UNICODE_LINE_BREAKS = frozenset("\u2028\u2029")


def _refused(char: str, multiline: bool) -> bool:
    if char in _BIDI_CONTROLS:
        return True
    if multiline and char in _LINE_BREAKS | _UNICODE_LINE_BREAKS:
        return False
    return char in _UNICODE_LINE_BREAKS or unicodedata.category(char) == "Cc"


def clean_text(value: str, *, multiline: bool = False) -> str:
    """`value` in NFC; ValueError naming the first refused character."""
    normalised = unicodedata.normalize("NFC", value)
    for position, char in enumerate(normalised):
        if _refused(char, multiline):
            raise ValueError(
                f"control or bidirectional character U+{ord(char):04X} at position {position} "
                "is not allowed"
            )
    return normalised


def _single_line(value: str) -> str:
    return clean_text(value)


def _multi_line(value: str) -> str:
    return clean_text(value, multiline=True)


# Give each a length with Field: `Annotated[Line, Field(max_length=200)]`.
Line = Annotated[str, AfterValidator(_single_line)]
Paragraph = Annotated[str, AfterValidator(_multi_line)]
