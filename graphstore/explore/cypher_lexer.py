"""Cypher split into tokens as Neo4j's own lexer splits it (Cypher25Lexer.g4 of
@neo4j-cypher/language-support, which the suite runs beside this as a reference).

What the explorer's wall (graphstore.explore.readonly) needs from a query is which of its
words are code: comments, string literals and `escaped names` are not. Those are exactly
the places where two readers of one text can disagree, so the lexer follows the grammar's
rules for each, and refuses (LexError) what it cannot read the one way every engine reads:
- `//` runs to the first CR or LF; `/* */` to the first `*/` (an unclosed one is refused);
- '...' and "..." end at the first unescaped quote, and a backslash escapes any one
  character; an unclosed literal is refused;
- `...` ends at the first single backtick (two stand for one); an unclosed one, or one
  holding a line break, is refused;
- a backslash anywhere else is refused (a unicode escape could spell a keyword);
- so are the characters some lexers take as a line break and others do not (vertical tab,
  form feed, the information separators U+001C-U+001F, NEL, U+2028, U+2029), and every
  other control character, anywhere: inside a comment or a string one of them could end it
  for one reader and not for another. tests/explore/test_lexer_engine.py checks the local
  engine reads what is left as this module does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class TokenKind(StrEnum):
    SPACE = "space"
    COMMENT = "comment"
    STRING = "string"
    ESCAPED_NAME = "escaped_name"
    WORD = "word"
    """A run of ASCII letters, digits and underscores: a keyword, a name or a number."""
    SYMBOL = "symbol"


HIDDEN = frozenset({TokenKind.SPACE, TokenKind.COMMENT})
"""Tokens a parser never sees (the grammar's HIDDEN channel)."""


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    start: int


class LexError(ValueError):
    """The text holds something the lexer will not read: why, and where."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at character {position})")
        self.position = position


# The grammar's SPACE rule, less what REFUSED below takes out.
SPACES = frozenset(
    "\t\n\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u202f\u205f\u3000"
)
LINE_ENDS = frozenset("\r\n")
"""What ends a `//` comment (SINGLE_LINE_COMMENT: '//' ~[\\r\\n]*)."""
AMBIGUOUS_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
"""Line breaks to some readers (Unicode, Java, Python's splitlines) and not to others."""


def _refused_character(char: str) -> str | None:
    if char in AMBIGUOUS_BREAKS:
        return f"the character U+{ord(char):04X} (a line break to some readers) is not accepted"
    if char not in SPACES and unicodedata.category(char) == "Cc":
        return f"the control character U+{ord(char):04X} is not accepted"
    return None


def _word_char(char: str) -> bool:
    # ASCII only: a run this joins is never longer than the engine's identifier, so where a
    # reader could split (a letter beside a non-ASCII one) the keyword is seen, not hidden.
    return char == "_" or ("0" <= char <= "9") or ("a" <= char.lower() <= "z")


def words(token: Token) -> list[str]:
    """The words a WORD token could be to some engine: itself, or, for one that starts with
    a digit (a number, to the grammar), every run of letters in it: `1.5e3CREATE` lexes
    as one malformed number here and as a number and CREATE elsewhere."""
    if token.text[0].isdigit():
        return re.findall(r"[A-Za-z]+", token.text)
    return [token.text]


def tokens(query: str) -> list[Token]:
    """Every token of `query`, hidden ones included; LexError for what is refused."""
    for position, char in enumerate(query):
        reason = _refused_character(char)
        if reason:
            raise LexError(reason, position)
    found: list[Token] = []
    at = 0
    end = len(query)
    while at < end:
        char = query[at]
        start = at
        if char in SPACES:
            while at < end and query[at] in SPACES:
                at += 1
            kind = TokenKind.SPACE
        elif query.startswith("//", at):
            while at < end and query[at] not in LINE_ENDS:
                at += 1
            kind = TokenKind.COMMENT
        elif query.startswith("/*", at):
            close = query.find("*/", at + 2)
            if close < 0:
                raise LexError("a /* comment is not closed", start)
            at = close + 2
            kind = TokenKind.COMMENT
        elif char in "'\"":
            at = _string_end(query, at)
            kind = TokenKind.STRING
        elif char == "`":
            at = _escaped_name_end(query, at)
            kind = TokenKind.ESCAPED_NAME
        elif char == "\\":
            raise LexError("a backslash outside a string literal is not accepted", at)
        elif _word_char(char):
            while at < end and _word_char(query[at]):
                at += 1
            kind = TokenKind.WORD
        else:
            at += 1
            kind = TokenKind.SYMBOL
        found.append(Token(kind, query[start:at], start))
    return found


def _string_end(query: str, start: int) -> int:
    quote = query[start]
    at = start + 1
    while at < len(query):
        if query[at] == "\\":
            at += 2  # the grammar's EscapeSequence: a backslash and any one character
            continue
        if query[at] == quote:
            return at + 1
        at += 1
    raise LexError("a string literal is not closed", start)


def _escaped_name_end(query: str, start: int) -> int:
    at = start + 1
    while at < len(query):
        if query[at] in LINE_ENDS:
            raise LexError("a line break inside a `quoted name` is not accepted", at)
        if query[at] == "`":
            if query.startswith("``", at):
                at += 2
                continue
            return at + 1
        at += 1
    raise LexError("a `quoted name` is not closed", start)


def code(query: str) -> list[Token]:
    """The tokens a parser sees: `tokens` without spaces and comments."""
    return [token for token in tokens(query) if token.kind not in HIDDEN]
