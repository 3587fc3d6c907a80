"""Mixed batches: creates, patches and deletes of units, equipment and loadouts, each with
its own outcome (the library behind `POST /v1/bulk`).

Operations run in the order given. A run of consecutive patches of one kind goes through
that repository's `patch_many` (a few statements per thousand entities); a create or a
delete is one write of its own. Without `atomic`, each operation stands alone: its error
is its outcome's and the others go on. With `atomic`, all of them run in one managed
transaction, and the first failure rolls every one back (BulkError names it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graphstore.errors import BulkError, GraphStoreError, ValidationError
from graphstore.store.models import EntityId, NonNegative, Outcome
from graphstore.store.validation import error, validate

if TYPE_CHECKING:
    from graphstore.store.entities import Repository
    from graphstore.store.store import GraphStore

MAX_OPERATIONS = 5_000
"""The most operations one batch takes: at the measured rates (benchmarks/bulk.py) a full
batch of patches is a few seconds, so a batch stays short enough to need no progress
stream; more is refused whole."""

Kind = Literal["units", "equipment", "loadouts"]


class BulkOperation(BaseModel):
    """One operation of a batch. `body` is the entity for a create (its Create model), the
    fields to change for a patch (its Update model); a delete takes none."""

    model_config = ConfigDict(extra="forbid")

    op: Literal["create", "patch", "delete"]
    kind: Kind
    id: EntityId | None = Field(default=None, description="required for patch and delete")
    body: dict[str, Any] | None = None
    expected_version: NonNegative | None = Field(
        default=None, description="patch and delete: the version the operation expects"
    )
    soft: bool = Field(default=False, description="delete: soft-delete instead")


Given = BulkOperation | dict[str, Any] | GraphStoreError
"""An operation as given: a model, its fields, or the error its reading already found (a
malformed line of an NDJSON body: its outcome is that error)."""


def apply(store: GraphStore, operations: Sequence[Given], *, atomic: bool = False) -> list[Outcome]:
    """Runs the operations in order; one Outcome per operation, in order. With `atomic`,
    BulkError (naming the first operation that failed) when any fails, and nothing is
    written."""
    if len(operations) > MAX_OPERATIONS:
        raise ValidationError(
            [error("$", f"{len(operations)} operations; a batch takes at most {MAX_OPERATIONS}")]
        )
    outcomes = [Outcome(index) for index in range(len(operations))]
    checked = _checked(operations, outcomes)
    if not atomic:
        _run(store, checked, outcomes)
        return outcomes
    failed = next((o for o in outcomes if not o.ok), None)
    if failed is not None:
        raise BulkError(failed)

    def all_or_nothing(tx_store: GraphStore) -> list[Outcome]:
        fresh = [Outcome(o.index, o.id) for o in outcomes]
        _run(tx_store, checked, fresh)
        failed = next((o for o in fresh if not o.ok), None)
        if failed is not None:
            raise BulkError(failed)  # rolls the transaction back
        return fresh

    return store.atomic(all_or_nothing)


def _checked(
    operations: Sequence[Given], outcomes: list[Outcome]
) -> list[tuple[int, BulkOperation]]:
    """The operations that are well formed, by index; the others' outcomes carry their
    errors. An entity named twice in one batch is an error from its second operation on:
    the order of two writes to one entity is not worth guessing."""
    checked: list[tuple[int, BulkOperation]] = []
    seen: set[tuple[str, str]] = set()
    for index, given in enumerate(operations):
        outcome = outcomes[index]
        if isinstance(given, GraphStoreError):
            outcome.error = given
            continue
        try:
            operation = validate(BulkOperation, given, f"[{index}]")
            entity_id = operation.id or (operation.body or {}).get("id")
            outcome.id = entity_id if isinstance(entity_id, str) else None
            if operation.op != "create" and operation.id is None:
                raise ValidationError([error(f"[{index}].id", f"a {operation.op} needs an id")])
            if operation.op != "delete" and not operation.body:
                raise ValidationError([error(f"[{index}].body", f"a {operation.op} needs a body")])
            if operation.op == "delete" and operation.body:
                raise ValidationError([error(f"[{index}].body", "a delete takes no body")])
            if operation.op == "create" and operation.id is not None:
                body_id = (operation.body or {}).get("id")
                if body_id is not None and body_id != operation.id:
                    raise ValidationError([error(f"[{index}].id", "differs from the body's id")])
            if outcome.id is not None:
                if (operation.kind, outcome.id) in seen:
                    raise ValidationError(
                        [error(f"[{index}].id", f"{outcome.id!r} is named twice in this batch")]
                    )
                seen.add((operation.kind, outcome.id))
        except GraphStoreError as failed:
            outcome.error = failed
            continue
        checked.append((index, operation))
    return checked


def _repository(store: GraphStore, kind: Kind) -> Repository[Any, Any, Any]:
    repositories: dict[str, Repository[Any, Any, Any]] = {
        "units": store.units,
        "equipment": store.equipment,
        "loadouts": store.loadouts,
    }
    return repositories[kind]


def _run(
    store: GraphStore, checked: list[tuple[int, BulkOperation]], outcomes: list[Outcome]
) -> None:
    position = 0
    while position < len(checked):
        index, operation = checked[position]
        repository = _repository(store, operation.kind)
        if operation.op == "patch":
            run = [operation]
            places = [index]
            while position + len(run) < len(checked):
                next_index, following = checked[position + len(run)]
                if (following.op, following.kind) != ("patch", operation.kind):
                    break
                run.append(following)
                places.append(next_index)
            position += len(run)
            patches, kept = [], []
            for place, patch in zip(places, run, strict=True):
                try:  # checked here too, so that an error's path names the batch's index
                    validate(repository.update_model, patch.body, f"[{place}].body")
                except ValidationError as invalid:
                    outcomes[place].error = invalid
                    continue
                patches.append(
                    {
                        "id": patch.id,
                        "changes": patch.body,
                        "expected_version": patch.expected_version,
                    }
                )
                kept.append(place)
            for place, found in zip(kept, repository.patch_many(patches), strict=True):
                outcomes[place] = Outcome(place, found.id, found.version, found.error)
            continue
        outcome = outcomes[index]
        try:
            if operation.op == "create":
                body = {**(operation.body or {}), **({"id": operation.id} if operation.id else {})}
                created = repository.create(body)
                outcome.id, outcome.version = created.id, created.version
            else:
                assert operation.id is not None
                repository.delete(
                    operation.id, soft=operation.soft, expected_version=operation.expected_version
                )
        except GraphStoreError as failed:
            outcome.error = failed
        position += 1
