"""The input policy at the library boundary (docs/api.md), with hypothesis: generated ids,
Unicode and integers go to `GraphStore.units.create`, and the store's verdict is checked
against a plain-Python statement of the policy. A refused create raises ValidationError
(nothing else) and leaves the graph as it was; an accepted one stores the NFC text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore import GraphStore, graph_hash
from graphstore.errors import ValidationError
from graphstore.store.models import ID_MAX, NAME_MAX
from graphstore.store.text import clean_text

ID_RULE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*", re.ASCII)
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SEPARATORS = set("\u2028\u2029")
BOLT_MAX = 2**63 - 1
# What pydantic strips (Unicode White_Space): unlike str.strip(), not U+001C-U+001F.
WHITE_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)


def id_is_valid(value: str) -> bool:
    return ID_RULE.fullmatch(value) is not None and len(value) <= ID_MAX


def name_is_valid(value: str) -> bool:
    text = unicodedata.normalize("NFC", value.strip(WHITE_SPACE))
    clean = not any(c in BIDI | SEPARATORS or unicodedata.category(c) == "Cc" for c in text)
    return clean and 1 <= len(text) <= NAME_MAX


def _unit(unit_id: str, chassis: str, battle_value: int) -> dict[str, Any]:
    return {
        "id": unit_id,
        "chassis": chassis,
        "model": "P-1",
        "unit_type": "BattleMech",
        "tonnage": 20,
        "tech_base": "INNER_SPHERE",
        "rules_level": "STANDARD",
        "battle_value": battle_value,
    }


ids = st.one_of(
    st.from_regex(ID_RULE, fullmatch=True).map(lambda s: s[: ID_MAX + 5]),
    st.text(min_size=0, max_size=20),
    st.sampled_from(["a\x00b", "abc\u202e", "\u0661\u0662", "a/b", "a b", "x" * (ID_MAX + 1)]),
)
names = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Mn", "Zs"]), max_size=5).map(
        lambda s: "Atlas" + s
    ),
    st.just("N" * (NAME_MAX + 1)),
    st.sampled_from(["Atlas\x1f", "\x1cAtlas", "Atlas\u3000", "\u200bAtlas", "At\u2028las"]),
    st.sampled_from(["At\u061clas", "At\u2029las"]),
)
integers = st.one_of(
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from([-1, BOLT_MAX, BOLT_MAX + 1, 2**64, -(2**63)]),
)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(unit_id=ids, chassis=names, battle_value=integers)
def test_create_obeys_the_policy_and_a_refusal_changes_nothing(
    store: GraphStore, unit_id: str, chassis: str, battle_value: int
) -> None:
    expected = id_is_valid(unit_id) and name_is_valid(chassis) and 0 <= battle_value <= BOLT_MAX
    before = graph_hash(store.graph)
    try:
        created = store.units.create(_unit(unit_id, chassis, battle_value))
    except ValidationError:
        assert not expected, (unit_id, chassis, battle_value)
        assert graph_hash(store.graph) == before
        return
    assert expected, (unit_id, chassis, battle_value)
    assert created.chassis == unicodedata.normalize("NFC", chassis.strip(WHITE_SPACE))
    store.units.delete(unit_id)


@given(st.text(max_size=40))
def test_clean_text_keeps_exactly_what_the_policy_allows(value: str) -> None:
    normalised = unicodedata.normalize("NFC", value)
    allowed = not any(c in BIDI | SEPARATORS or unicodedata.category(c) == "Cc" for c in normalised)
    try:
        assert clean_text(value) == normalised
    except ValueError:
        assert not allowed
    else:
        assert allowed
