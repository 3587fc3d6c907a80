"""graphstore.instants against a plain-Python statement of the policy, on random times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from graphstore.errors import ValidationError
from graphstore.instants import Instant, checked_instant, parse_instant, to_utc

OFFSETS = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
TIMES = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)),
    OFFSETS,
)


def _expected(value: datetime) -> datetime | None:
    """The policy, said plainly: None when refused."""
    offset = value.utcoffset()
    assert offset is not None
    if abs(offset) > timedelta(hours=18):
        return None
    naive_utc = value.replace(tzinfo=None) - offset
    try:
        return naive_utc.replace(tzinfo=UTC)
    except (OverflowError, ValueError):
        return None


@given(TIMES)
def test_a_time_is_moved_to_utc_or_refused_as_the_policy_says(value: datetime) -> None:
    try:
        naive_utc = value.replace(tzinfo=None) - value.utcoffset()  # type: ignore[operator]
    except OverflowError:
        naive_utc = None
    expected = None if naive_utc is None else _expected(value)
    try:
        found = to_utc(value)
    except ValueError:
        assert expected is None, value
        return
    assert found == expected
    assert found.utcoffset() == timedelta(0)
    assert TypeAdapter(Instant).validate_python(value.isoformat()) == found


@pytest.mark.parametrize(
    "text",
    [
        "2000-01-01T00:00:00+18:01",
        "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00+14:00",
        "2030-01-01T00:00:00",
    ],
)
def test_the_hostile_passs_times_are_refused_by_every_door(text: str) -> None:
    with pytest.raises(PydanticError):
        TypeAdapter(Instant).validate_python(text)
    with pytest.raises(ValidationError):
        checked_instant(datetime.fromisoformat(text), "at")
    if "+" in text or text.count("-") > 2:
        with pytest.raises(ValueError, match=r"beyond|year"):
            parse_instant(text)
    else:
        assert parse_instant(text) == datetime(2030, 1, 1, tzinfo=UTC)  # the CLI: UTC
