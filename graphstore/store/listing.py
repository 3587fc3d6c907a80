"""Filtered, sorted, paged lists of units and equipment.

A page and its total are one query (the matches read once; properties read for the page's
rows only). Pages are numbered (`page`, a SKIP) or follow a cursor
(`cursor`, keyset: the rows after the previous page's last one), so a deep page costs what
the first one does; a cursor's page reuses the total its list's first page counted. A cursor
is signed (GRAPHSTORE_CURSOR_KEY): one a client changed is refused, not believed. A unit
list filtered on mounted equipment starts from that item.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graphstore import queries
from graphstore.graph import SCOPE_PARAMETERS
from graphstore.readmodel import read_model
from graphstore.readmodel.units import unit_page
from graphstore.settings import CursorSettings
from graphstore.store.convert import plain
from graphstore.store.enums import Era, RulesLevel, TechBase
from graphstore.store.models import EquipmentPublic, Page, UnitPublic
from graphstore.store.scope import Scope, run_one

MAX_PAGE_SIZE = 500
# Deeper pages are refused: the engine's SKIP wraps past 2^31 rows (page 2^32 + 1 served
# page 1 on the local engine), and MAX_PAGE x MAX_PAGE_SIZE stays far below that.
MAX_PAGE = 1_000_000
# Bolt carries 64-bit integers; a larger filter value is a validation error, not a crash.
BOLT_INT_MAX = 2**63 - 1
BoltInt = Annotated[int, Field(ge=-BOLT_INT_MAX, le=BOLT_INT_MAX)]


class UnitSort(StrEnum):
    """Sortable unit fields, each backed by an index (migrations/V002)."""

    name = "name"
    tonnage = "tonnage"
    battle_value = "battle_value"
    year = "year"
    era = "era"
    tech_base = "tech_base"
    rules_level = "rules_level"
    unit_type = "unit_type"
    id = "id"


class EquipmentSort(StrEnum):
    name = "name"
    tonnage = "tonnage"
    battle_value = "battle_value"
    intro_year = "intro_year"
    tech_base = "tech_base"
    rules_level = "rules_level"
    id = "id"


def sort_property(sort: StrEnum) -> str:
    """The indexed property a public sort name stands for: names sort case-insensitively."""
    return "search_name" if sort.value == "name" else sort.value


class Cursor(BaseModel):
    """Where the previous page ended: its last row's sort value and id, the order and filters
    it was listed with (a cursor only continues the list it came from), and the total
    counted for that list's first page."""

    sort: str
    descending: bool
    key: str | int | float | bool | None
    id: str
    total: int
    filters: str

    def encode(self) -> str:
        fields = [self.sort, self.descending, self.key, self.id, self.total, self.filters]
        text = json.dumps(fields, separators=(",", ":")).encode()
        return f"{_b64(text)}.{_b64(_signature(text))}"

    @classmethod
    def decode(cls, token: str) -> Cursor:
        refused = ValueError("not a cursor this API gave out (next_cursor of a page)")
        body, _, signature = token.partition(".")
        try:
            text = _unb64(body)
            signed = hmac.compare_digest(_unb64(signature), _signature(text))
        except (ValueError, binascii.Error):
            raise refused from None
        if not signed:
            raise refused
        sort, descending, key, last_id, total, filters = json.loads(text)
        return cls(
            sort=sort, descending=descending, key=key, id=last_id, total=total, filters=filters
        )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@functools.cache
def _cursor_key() -> bytes:
    configured = CursorSettings().cursor_key
    return configured.get_secret_value().encode() if configured else secrets.token_bytes(32)


def _signature(text: bytes) -> bytes:
    return hmac.new(_cursor_key(), text, hashlib.sha256).digest()[:16]


def filters_fingerprint(parameters: dict[str, Any]) -> str:
    """A short fingerprint of a list's filter values, which its cursors carry."""
    text = json.dumps(parameters, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class Paging(BaseModel):
    """Which page, how big, in which order: a page number, or the cursor of the page before."""

    model_config = ConfigDict(extra="forbid")

    page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 1
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 50
    descending: bool = False
    cursor: Annotated[str, Field(max_length=2000)] | None = Field(
        default=None, description="a page's next_cursor: the page after it (keyset paging)"
    )

    @model_validator(mode="after")
    def _one_way_to_a_page(self) -> Self:
        if self.cursor is not None and self.page != 1:
            raise ValueError("give a page number or a cursor, not both")
        return self

    def parameters(self) -> dict[str, Any]:
        after = Cursor.decode(self.cursor) if self.cursor is not None else None
        return {
            "skip": (self.page - 1) * self.page_size,
            "limit": self.page_size,
            "descending": self.descending,
            "after": after is not None,
            "after_key": after.key if after else None,
            "after_id": after.id if after else "",
        }


class _Filter(BaseModel):
    """What the list, the counts and the statistics of one kind of entity share: the Cypher
    fragment FRAGMENT states the filter, and its parameters are the ones passed."""

    model_config = ConfigDict(extra="forbid")
    FRAGMENT: ClassVar[str]

    q: Annotated[str, Field(max_length=200)] | None = None
    include_deleted: bool = False
    tonnage_min: float | None = None
    tonnage_max: float | None = None
    bv_min: BoltInt | None = None
    bv_max: BoltInt | None = None
    year_min: BoltInt | None = None
    year_max: BoltInt | None = None
    tech_base: TechBase | None = None
    rules_level: RulesLevel | None = None

    def parameters(self) -> dict[str, Any]:
        """The values of the fragment's parameters (not a list request's paging, say)."""
        values = self.model_dump(mode="json")
        values["q"] = self.q.lower().strip() if self.q else None
        return {
            name: values[name]
            for name in queries.fragment_parameters(self.FRAGMENT)
            if name not in SCOPE_PARAMETERS  # the scope fills those in
        }


class UnitFilter(_Filter):
    FRAGMENT = "store/fragments/unit_filter"

    era: Era | None = None
    unit_type: str | None = None
    has_equipment: str | None = None


class EquipmentFilter(_Filter):
    FRAGMENT = "store/fragments/equipment_filter"

    category_id: str | None = None
    is_weapon: bool | None = None


class _ListRequest(Paging):
    sort: StrEnum

    @model_validator(mode="after")
    def _cursor_continues_this_list(self) -> Self:
        if self.cursor is not None:
            after = Cursor.decode(self.cursor)
            if (after.sort, after.descending) != (self.sort.value, self.descending):
                raise ValueError(
                    f"the cursor continues a list sorted on {after.sort}"
                    f"{' descending' if after.descending else ''}: ask for that order"
                )
            if isinstance(self, _Filter) and after.filters != filters_fingerprint(
                _Filter.parameters(self)
            ):
                raise ValueError("the cursor continues a list with other filters: ask for those")
        return self


class UnitListRequest(UnitFilter, _ListRequest):
    sort: UnitSort = UnitSort.name


class EquipmentListRequest(EquipmentFilter, _ListRequest):
    sort: EquipmentSort = EquipmentSort.name


class _Listed(BaseModel):
    rows: list[dict[str, Any]]
    total: int
    total_exact: bool
    next_cursor: str | None


Fetch = Callable[[dict[str, Any], Cursor | None], tuple[list[dict[str, Any]], int | None]]
"""Reads a page: (the filters, paging and sort values; the cursor) -> (rows, total)."""


def _page(request: UnitListRequest | EquipmentListRequest, fetch: Fetch) -> _Listed:
    """The page's rows, the total, and the cursor of the page after (None on the last).

    After a cursor the total is the one the list's first page counted, which the cursor
    carries (flagged as not exact: rows may have come and gone since).
    """
    sort = sort_property(request.sort)
    filters = _Filter.parameters(request)
    params = filters | Paging.parameters(request) | {"sort": sort}
    after = Cursor.decode(request.cursor) if request.cursor is not None else None
    rows, counted = fetch(params, after)
    total = after.total if after is not None else (counted or 0)
    following = None
    if len(rows) == request.page_size:
        last = rows[-1]
        following = Cursor(
            sort=request.sort.value,
            descending=request.descending,
            key=last.get(sort),
            id=last["id"],
            total=total,
            filters=filters_fingerprint(filters),
        ).encode()
    return _Listed(rows=rows, total=total, total_exact=after is None, next_cursor=following)


def _from_graph(scope: Scope, name: str) -> Fetch:
    """A page from a named Cypher query: the matches are read once, sorted, counted and
    sliced (after a cursor it counts only the rows after it, which _page does not use)."""

    def fetch(params: dict[str, Any], _: Cursor | None) -> tuple[list[dict[str, Any]], int]:
        found = scope.read(lambda tx: run_one(tx, name, **params)) or {"total": 0, "items": []}
        return [plain(item) for item in found["items"]], found["total"]

    return fetch


def _from_read_model(scope: Scope) -> Fetch:
    """A page of units from the read model (graphstore.readmodel): no scan of the graph."""

    def fetch(
        params: dict[str, Any], after: Cursor | None
    ) -> tuple[list[dict[str, Any]], int | None]:
        page = unit_page(
            read_model(scope.graph),
            scope.tenancy,
            params,
            sort=params["sort"],
            descending=params["descending"],
            skip=params["skip"],
            limit=params["limit"],
            after=None if after is None else (after.key, after.id),
            count=after is None,
        )
        return page.rows, page.total

    return fetch


def unit_list_from_graph(scope: Scope, filters: UnitListRequest) -> Page[UnitPublic]:
    """The unit list as the graph's own Cypher computes it (every unit read): the reference
    the read model's lists are compared with."""
    mounting = filters.has_equipment is not None
    name = "reference/unit_list_mounting" if mounting else "reference/unit_list"
    return _unit_page(filters, _page(filters, _from_graph(scope, name)))


def list_units(scope: Scope, filters: UnitListRequest) -> Page[UnitPublic]:
    """A page of units, from the read model (graphstore.readmodel)."""
    return _unit_page(filters, _page(filters, _from_read_model(scope)))


def _unit_page(filters: UnitListRequest, listed: _Listed) -> Page[UnitPublic]:
    return Page[UnitPublic](
        items=[UnitPublic.model_validate(row) for row in listed.rows],
        total=listed.total,
        total_exact=listed.total_exact,
        page=filters.page,
        page_size=filters.page_size,
        next_cursor=listed.next_cursor,
    )


def list_equipment(scope: Scope, filters: EquipmentListRequest) -> Page[EquipmentPublic]:
    listed = _page(filters, _from_graph(scope, "store/equipment_list"))
    return Page[EquipmentPublic](
        items=[EquipmentPublic.model_validate(row) for row in listed.rows],
        total=listed.total,
        total_exact=listed.total_exact,
        page=filters.page,
        page_size=filters.page_size,
        next_cursor=listed.next_cursor,
    )
