"""The engine reads comments, string literals and `quoted names` where the explorer's lexer
(graphstore.explore.cypher_lexer) says they are: for every character the lexer lets through
that could end one of them, the engine ends it there, or goes on, exactly as the lexer does.

Probes only read (`RETURN ... AS a //...` and friends), through the driver, so they test the
engine, not the explorer.
"""

from __future__ import annotations

import unicodedata

import pytest

from graphstore import Graph
from graphstore.explore.cypher_lexer import AMBIGUOUS_BREAKS, LexError, TokenKind, tokens
from graphstore.explore.readonly import refusal

# Every character that is a control, a space or a separator of some kind, and a few that
# look like line breaks to some tool.
CANDIDATES = sorted(
    {chr(c) for c in range(0x3001) if unicodedata.category(chr(c)) in ("Cc", "Zs", "Zl", "Zp")}
    | set(AMBIGUOUS_BREAKS)
    | {"\ufeff", "\u200b", "\u2060"}
)


def _accepted(query: str) -> bool:
    try:
        tokens(query)
    except LexError:
        return False
    return True


def _columns(graph: Graph, query: str) -> list[str] | None:
    """The columns the engine answers with, or None when it refuses the text."""
    with graph.session(read=True) as session:
        try:
            return list(session.run(query).keys())
        except Exception:
            return None


def _value(graph: Graph, query: str) -> object:
    with graph.session(read=True) as session:
        return session.run(query).single(strict=True)[0]


def test_the_lexer_refuses_every_ambiguous_break(graph: Graph) -> None:
    for char in AMBIGUOUS_BREAKS:
        assert not _accepted(f"RETURN 1 AS a //{char}, 2 AS b")
        assert refusal(f"RETURN 1 //{char}CREATE (n)") is not None


@pytest.mark.parametrize("char", CANDIDATES, ids=lambda c: f"U+{ord(c):04X}")
def test_a_line_comment_ends_where_the_lexer_ends_it(graph: Graph, char: str) -> None:
    query = f"RETURN 1 AS a //x{char}, 2 AS b"
    if not _accepted(query):
        return  # refused before the engine could read it
    comment = next(t for t in tokens(query) if t.kind is TokenKind.COMMENT)
    lexer_continues = char in comment.text
    engine = _columns(graph, query)
    assert engine is not None, "the engine refused what the lexer accepted"
    assert (engine == ["a"]) is lexer_continues, engine


@pytest.mark.parametrize("char", CANDIDATES, ids=lambda c: f"U+{ord(c):04X}")
def test_a_string_goes_on_past_any_character(graph: Graph, char: str) -> None:
    query = f"RETURN 'a{char}b' AS s"
    if _accepted(query):
        assert _value(graph, query) == f"a{char}b"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("RETURN 'a\\'b' AS s", "a'b"),
        ('RETURN "a\\"b" AS s', 'a"b'),
        ("RETURN 'a\\\\' AS s", "a\\"),
        ("RETURN 'a\\\\' + 'b' AS s", "a\\b"),
        ("RETURN 'a // b' AS s", "a // b"),
        ("RETURN 'a /* b' AS s", "a /* b"),
        ("RETURN 'a\nb' AS s", "a\nb"),
        ("RETURN /* ' */ 'b' AS s", "b"),
        ("RETURN /* // */ 'b' AS s", "b"),
    ],
)
def test_strings_escapes_and_comments_read_as_the_lexer_reads_them(
    graph: Graph, query: str, expected: str
) -> None:
    assert _accepted(query)
    assert _value(graph, query) == expected


def test_a_quoted_name_ends_at_a_single_backtick(graph: Graph) -> None:
    query = "RETURN 1 AS `a``b // c`"
    assert [t.text for t in tokens(query) if t.kind is TokenKind.ESCAPED_NAME] == ["`a``b // c`"]
    assert _columns(graph, query) == ["a`b // c"]
