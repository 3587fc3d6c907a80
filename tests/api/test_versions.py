"""If-Match per RFC 9110 (`*`, one strong or weak entity tag), the `version` query parameter
and the body's `version`, all through one dependency."""

from __future__ import annotations

import pytest
from fastapi import HTTPException

from api.deps import Versions, parse_if_match


@pytest.mark.parametrize(
    ("header", "version"),
    [(None, None), ("*", None), ('"3"', 3), ('W/"3"', 3), (' "12" ', 12)],
)
def test_if_match_names_a_version_or_any(header: str | None, version: int | None) -> None:
    assert parse_if_match(header) == version


@pytest.mark.parametrize(
    "header",
    ["3", '"3', '"-1"', '"3", "4"', '"³"', '"٣"', '"99999999999999999999"', "W/3", '""'],
)
def test_a_malformed_if_match_is_a_422(header: str) -> None:
    with pytest.raises(HTTPException) as refused:
        parse_if_match(header)
    assert refused.value.status_code == 422


def test_the_sources_must_agree() -> None:
    assert Versions(3, None).expect() == 3
    assert Versions(None, None).expect(4) == 4
    assert Versions(3, 3).expect(3) == 3
    with pytest.raises(HTTPException, match="disagree"):
        Versions(3, None).expect(4)
