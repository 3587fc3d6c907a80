"""Public shapes of search results: facets, suggestions, the category tree, unit statistics."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class FacetCount(BaseModel):
    value: str
    count: int


class EquipmentFacets(BaseModel):
    total: int
    category: list[FacetCount]
    tech_base: list[FacetCount]
    rules_level: list[FacetCount]
    era: list[FacetCount]


class Suggestion(BaseModel):
    id: str
    name: str
    tech_base: str | None = None


class CategoryNode(BaseModel):
    id: str
    name: str | None = None
    path: str | None = None
    direct_count: int
    total_count: int
    children: list[CategoryNode] = Field(default_factory=list)


UnitGroup = Literal["era", "tech_base", "rules_level"]


class UnitGroupStats(BaseModel):
    value: str | None
    count: int
    tonnage_min: float | None = None
    tonnage_avg: float | None = None
    tonnage_max: float | None = None
    bv_min: float | None = None
    bv_avg: float | None = None
    bv_max: float | None = None
