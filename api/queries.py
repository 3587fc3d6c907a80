"""Query-string models: the library's filters, with the API's page-size cap."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from graphstore.search import UnitGroup
from graphstore.store.enums import TechBase
from graphstore.store.listing import (
    EquipmentFilter,
    EquipmentListRequest,
    UnitFilter,
    UnitListRequest,
)

API_MAX_PAGE_SIZE = 200


class UnitQuery(UnitListRequest):
    """`sort` takes an indexed property (search_name, tonnage, battle_value, year, era,
    tech_base, rules_level, unit_type, id); `descending=true` reverses it."""

    page_size: Annotated[int, Field(ge=1, le=API_MAX_PAGE_SIZE, examples=[20])] = 50
    tech_base: TechBase | None = Field(default=None, examples=["INNER_SPHERE"])
    tonnage_min: float | None = Field(default=None, examples=[50])


class EquipmentQuery(EquipmentListRequest):
    """`sort` takes an indexed property (search_name, tonnage, battle_value, intro_year,
    tech_base, rules_level, id); `descending=true` reverses it."""

    page_size: Annotated[int, Field(ge=1, le=API_MAX_PAGE_SIZE, examples=[20])] = 50
    is_weapon: bool | None = Field(default=None, examples=[True])


class EquipmentFacetQuery(EquipmentFilter):
    """The equipment filters; paging and sorting do not apply to counts."""

    tech_base: TechBase | None = Field(default=None, examples=["CLAN"])


class UnitStatsQuery(UnitFilter):
    """What to group by, and the unit filters: the statistics cover the units they match."""

    group_by: UnitGroup = Field(default="era", examples=["tech_base"])
    tech_base: TechBase | None = Field(default=None, examples=["CLAN"])
