"""The named queries the explorer offers: every shipped query that only reads.

Each comes with its description, its declared parameters and, when the file has one, its
`@example` parameters to fill the form. The `explore/` folder holds the guided starts.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from graphstore import queries
from graphstore.errors import QueryNotFoundError
from graphstore.explore.readonly import refusal
from graphstore.plans import example_parameters

GUIDED_FOLDER = "explore"
# Internal: what the explorer itself asks (the editor's vocabulary, the loadout picture).
_INTERNAL = frozenset({"explore/schema", "explore/schema_sample", "explore/loadout_picture"})


class SavedQuery(BaseModel):
    name: str
    description: str
    text: str
    parameters: dict[str, str] = Field(description="parameter -> what it is")
    example: dict[str, Any] = Field(default_factory=dict, description="parameters to start from")
    guided: bool = Field(description="one of the guided starts")


@cache
def saved_queries() -> tuple[SavedQuery, ...]:
    """Guided starts first, then every other read-only named query, by name."""
    found: list[SavedQuery] = []
    for name in queries.available():
        if name in _INTERNAL:
            continue
        query = queries.load(name)
        if refusal(query.text) is not None:
            continue
        try:
            parsed = example_parameters(query)
        except QueryNotFoundError:  # parameters declared without an @example: empty fields
            parsed = {}
        example = {k: v for k, v in parsed.items() if k in query.parameters}
        found.append(
            SavedQuery(
                name=name,
                description=query.description,
                text=query.text,
                parameters=query.parameters,
                example=example,
                guided=name.startswith(GUIDED_FOLDER + "/"),
            )
        )
    return tuple(sorted(found, key=lambda q: (not q.guided, q.name)))
