"""graphstore's Cypher lexer against Neo4j's own (tools/cypher-tokens.mjs, the language
support's lexer, run in Node): on random texts built from the pieces where readers can
disagree (comment and string openers, quotes, escapes, backticks, each line break), every
character the one calls comment, string literal or `quoted name` the other calls the same,
and every other character is code to both. Texts graphstore's lexer refuses are left out,
and counted: the comparison must cover most of what is generated.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore.explore.cypher_lexer import LexError, TokenKind, tokens
from graphstore.explore.readonly import refusal
from tests.conftest import REPO_ROOT

SCRIPT = REPO_ROOT / "tools" / "cypher-tokens.mjs"
PIECES = [
    "CREATE",
    "RETURN",
    "MATCH",
    "n",
    "x1",
    "1",
    "1.5e3",
    ".",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "//",
    "/*",
    "*/",
    "*",
    "/",
    "'",
    '"',
    "`",
    "``",
    "\\'",
    '\\"',
    "\\\\",
    "\\n",
    "\\u0043",
    "(",
    ")",
    "{",
    "}",
    ":",
    "é",
    "\u00a0",
    "\u3000",
]
_INSIDE = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
# Whole literals and comments around random insides, beside loose pieces: most texts lex,
# and each still puts openers, quotes, escapes and line breaks where they can mislead.
_UNITS = st.one_of(
    st.sampled_from(PIECES),
    st.builds(
        lambda q, inside: q + inside.replace(q, "\\" + q) + q, st.sampled_from("'\""), _INSIDE
    ),
    st.builds(lambda inside: "/*" + inside.replace("*/", "* /") + "*/", _INSIDE),
    st.builds(
        lambda inside, end: "//" + inside + end, _INSIDE, st.sampled_from(["\n", "\r", "\r\n"])
    ),
    st.builds(lambda inside: "`" + inside.replace("`", "``") + "`", _INSIDE),
)
TEXTS = st.lists(_UNITS, max_size=12).map("".join)


def _neo4j_tokens(texts: list[str]) -> list[list[list[object]]]:
    node = shutil.which("node")
    if node is None or not (REPO_ROOT / "node_modules" / "@neo4j-cypher").is_dir():
        pytest.skip("Node.js and `npm ci` are needed for Neo4j's lexer")
    done = subprocess.run(
        [node, str(SCRIPT)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=True,
    )
    answer: list[list[list[object]]] = json.loads(done.stdout)
    return answer


OURS = {
    TokenKind.COMMENT: "comment",
    TokenKind.STRING: "string",
    TokenKind.ESCAPED_NAME: "name",
}


# Neo4j's highlighter splits a token that spans lines into one piece per line, leaving the
# line break itself out: the kind of a CR or LF is not compared, only what follows it.
def _ours(text: str) -> list[str]:
    kinds = ["open"] * len(text)
    for token in tokens(text):
        for at in range(token.start, token.start + len(token.text)):
            kinds[at] = OURS.get(token.kind, "open")
    return _without_line_breaks(text, kinds)


def _theirs(text: str, found: list[list[object]]) -> list[str]:
    kinds = ["open"] * len(text)
    for start, length, kind in found:
        assert isinstance(start, int)
        assert isinstance(length, int)
        for at in range(start, start + length):
            kinds[at] = "open" if kind == "code" else str(kind)
    return _without_line_breaks(text, kinds)


def _without_line_breaks(text: str, kinds: list[str]) -> list[str]:
    return [kind if text[at] not in "\r\n" else "-" for at, kind in enumerate(kinds)]


compared = {"texts": 0, "refused": 0}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=80, max_size=80))
def test_comments_strings_and_names_are_where_neo4js_lexer_puts_them(texts: list[str]) -> None:
    readable = []
    for text in texts:
        try:
            tokens(text)
        except LexError:
            compared["refused"] += 1
            continue
        readable.append(text)
    for text, found in zip(readable, _neo4j_tokens(readable), strict=True):
        assert _ours(text) == _theirs(text, found), repr(text)
        compared["texts"] += 1


def test_the_comparison_covered_enough() -> None:
    # Runs after the property test in this module (pytest keeps definition order).
    assert compared["texts"] >= 500, compared


@pytest.mark.parametrize(
    "query",
    [
        "PROFILE // c\rCREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.v)",
        "EXPLAIN // c\rDROP INDEX x IF EXISTS",
        "RETURN 1 // c\r\nCREATE (n)",
        "RETURN 'it''s' // \rCREATE (n)",
        "RETURN 1 //\u2028CREATE (n)",
        "RETURN 1 //\x0bCREATE (n)",
        "RETURN 1 //\x85CREATE (n)",
        "RETURN '\x0c' AS x",
        "WITH 1CREATE (n)",
        "WITH 1.5e3CREATE (n)",
    ],
)
def test_reproductions_of_hidden_writes_are_refused(query: str) -> None:
    assert refusal(query) is not None
