"""Times a caller gives us: one policy for every body field, query parameter and CLI option.

A time must say which instant it is, so it carries its UTC offset (`Z`, `+02:00`). Both
engines keep offsets within ±18:00 (Java's ZoneOffset), although ISO 8601 and Python allow
up to ±23:59; a time beyond that, or one that is not a date of years 1 to 9999 once moved to
UTC, cannot be stored or compared there, so it is refused here, before any query runs.
What passes is stored and compared in UTC.

`Instant` is the pydantic type (bodies and query parameters; its JSON schema carries
INSTANT_SCHEMA_MARK, which a test looks for on every date-time input of the OpenAPI
document); `parse_instant` is the same policy for text (the CLI).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from graphstore.errors import ValidationError

MAX_OFFSET = timedelta(hours=18)
INSTANT_SCHEMA_MARK = "x-graphstore-instant"
"""A key on the JSON schema of every Instant: the time is checked and stored in UTC."""


def to_utc(value: datetime, *, naive_is_utc: bool = False) -> datetime:
    """`value` in UTC; ValueError when it has no offset (unless `naive_is_utc`), its offset is
    beyond ±18:00, or it leaves years 1 to 9999 in UTC."""
    offset = value.utcoffset()
    if offset is None:
        if not naive_is_utc:
            raise ValueError("a time needs its UTC offset, such as 2026-11-20T10:00:00Z")
        value, offset = value.replace(tzinfo=UTC), timedelta(0)
    if abs(offset) > MAX_OFFSET:
        raise ValueError(f"the offset {_offset_text(offset)} is beyond ±18:00")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the time is before year 1 or after year 9999 in UTC") from None


def checked_instant(value: datetime, field: str) -> datetime:
    """to_utc for a library caller's argument: ValidationError naming `field`."""
    try:
        return to_utc(value)
    except ValueError as bad:
        raise ValidationError(
            [{"path": field, "message": str(bad), "type": "value_error"}]
        ) from None


def parse_instant(text: str, *, naive_is_utc: bool = True) -> datetime:
    """An ISO 8601 date or time as text (a date alone is its midnight), in UTC; ValueError
    otherwise. Without an offset it is UTC, unless `naive_is_utc` is False."""
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 date or time") from None
    return to_utc(parsed, naive_is_utc=naive_is_utc)


def _offset_text(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else "+"
    minutes = int(abs(offset).total_seconds()) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


class _Marked:
    """Adds INSTANT_SCHEMA_MARK to the JSON schema of the type it annotates."""

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        found: dict[str, Any] = handler(schema)
        found[INSTANT_SCHEMA_MARK] = "with its offset (within ±18:00); stored in UTC"
        return found


Instant = Annotated[datetime, AfterValidator(to_utc), _Marked()]
"""A time with its offset, normalised to UTC (see the module)."""
