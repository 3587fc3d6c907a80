"""Turns pydantic's errors into graphstore's ValidationError: every violation, with its path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

import pydantic

from graphstore.errors import ValidationError

M = TypeVar("M", bound=pydantic.BaseModel)


def field_path(location: tuple[int | str, ...], prefix: str = "") -> str:
    """('locations', 2, 'code') -> 'locations[2].code'."""
    path = prefix
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "$"


def error(path: str, message: str, kind: str = "value_error") -> dict[str, object]:
    return {"path": path, "message": message, "type": kind}


def from_pydantic(exc: pydantic.ValidationError, prefix: str = "") -> list[dict[str, object]]:
    return [error(field_path(tuple(e["loc"]), prefix), e["msg"], e["type"]) for e in exc.errors()]


def validate(model: type[M], data: M | dict[str, Any], prefix: str = "") -> M:
    """`data` as `model`, or a ValidationError listing every problem at once."""
    if isinstance(data, model):
        return data
    raw = data.model_dump(exclude_unset=True) if isinstance(data, pydantic.BaseModel) else data
    try:
        return model.model_validate(raw)
    except pydantic.ValidationError as exc:
        raise ValidationError(from_pydantic(exc, prefix)) from exc


def validate_many(model: type[M], rows: Sequence[Any], name: str) -> list[M]:
    """Validates a batch, reporting every row's problems as `name[i].field`."""
    problems: list[dict[str, object]] = []
    valid: list[M] = []
    for index, row in enumerate(rows):
        try:
            valid.append(validate(model, row, f"{name}[{index}]"))
        except ValidationError as exc:
            problems += exc.errors
    if problems:
        raise ValidationError(problems)
    return valid
