"""Validation: one loadout, what fits where, and batches."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query

from api.deps import Expensive, RulesDep, StoreDep, WriteAccess
from api.examples import BATCH, LoadoutId
from api.problems import error_responses
from api.schemas import BatchValidationRequest
from graphstore.rules import CandidateEquipment, LoadoutValidation, ValidationFilter
from graphstore.rules.models import BatchValidation
from graphstore.store.enums import LocationCode

router = APIRouter(tags=["validation"], responses=error_responses(404))


@router.get(
    "/v1/loadouts/{loadout_id}/validation",
    response_model=LoadoutValidation,
    dependencies=[Expensive],
    responses=error_responses(429),
)
def validate_loadout(rules: RulesDep, loadout_id: LoadoutId) -> LoadoutValidation:
    """Every rule violation, errors first; accepted ones are marked `accepted`."""
    return rules.validate(loadout_id)


@router.get(
    "/v1/loadouts/{loadout_id}/compatible-equipment",
    response_model=list[CandidateEquipment],
    dependencies=[Expensive],
    responses=error_responses(429),
)
def compatible_equipment(
    rules: RulesDep,
    store: StoreDep,
    loadout_id: LoadoutId,
    location: Annotated[LocationCode, Query(description="where the item would go")],
    include_excluded: bool = False,
) -> list[CandidateEquipment]:
    """Catalog items that fit at `location` now; with include_excluded, the others and why."""
    store.loadouts.get(loadout_id, fields=["id"])  # 404 for an unknown loadout
    return rules.compatible_equipment(loadout_id, location.value, include_excluded=include_excluded)


@router.post(
    "/v1/validation/batch",
    response_model=BatchValidation,
    # A whole-graph evaluation: it takes the key (when one is set), like a write.
    dependencies=[WriteAccess, Expensive],
    responses=error_responses(401, 429),
)
def validate_batch(
    rules: RulesDep, request: Annotated[BatchValidationRequest, Body(openapi_examples=BATCH)]
) -> BatchValidation:
    """Validates every loadout the filters match: per-rule counts and the worst loadouts."""
    filters = ValidationFilter(**request.model_dump(exclude={"worst"}))
    return rules.validate_batch(filters, worst=request.worst)
