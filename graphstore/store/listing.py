"""Filtered, sorted, paged lists of units and equipment: the total and the page in one query."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from graphstore import queries
from graphstore.store.convert import plain
from graphstore.store.enums import Era, RulesLevel, TechBase
from graphstore.store.models import EquipmentPublic, Page, UnitPublic
from graphstore.store.scope import Runner, Scope, run_one

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


class Paging(BaseModel):
    """Which page, how big, in which order."""

    model_config = ConfigDict(extra="forbid")

    page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 1
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 50
    descending: bool = False

    def parameters(self) -> dict[str, Any]:
        return {
            "skip": (self.page - 1) * self.page_size,
            "limit": self.page_size,
            "descending": self.descending,
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
        return {name: values[name] for name in queries.fragment_parameters(self.FRAGMENT)}


class UnitFilter(_Filter):
    FRAGMENT = "store/fragments/unit_filter"

    era: Era | None = None
    unit_type: str | None = None
    has_equipment: str | None = None


class EquipmentFilter(_Filter):
    FRAGMENT = "store/fragments/equipment_filter"

    category_id: str | None = None
    is_weapon: bool | None = None


class UnitListRequest(UnitFilter, Paging):
    sort: UnitSort = UnitSort.name


class EquipmentListRequest(EquipmentFilter, Paging):
    sort: EquipmentSort = EquipmentSort.name


def _page(scope: Scope, name: str, params: dict[str, Any]) -> dict[str, Any]:
    def work(tx: Runner) -> dict[str, Any] | None:
        return run_one(tx, name, **params)

    return scope.read(work) or {"total": 0, "items": []}


def _request_parameters(request: UnitListRequest | EquipmentListRequest) -> dict[str, Any]:
    return (
        _Filter.parameters(request)
        | Paging.parameters(request)
        | {"sort": sort_property(request.sort)}
    )


def list_units(scope: Scope, filters: UnitListRequest) -> Page[UnitPublic]:
    row = _page(scope, "store/unit_list", _request_parameters(filters))
    return Page[UnitPublic](
        items=[UnitPublic.model_validate(plain(p)) for p in row["items"]],
        total=row["total"],
        page=filters.page,
        page_size=filters.page_size,
    )


def list_equipment(scope: Scope, filters: EquipmentListRequest) -> Page[EquipmentPublic]:
    row = _page(scope, "store/equipment_list", _request_parameters(filters))
    return Page[EquipmentPublic](
        items=[EquipmentPublic.model_validate(plain(p)) for p in row["items"]],
        total=row["total"],
        page=filters.page,
        page_size=filters.page_size,
    )
