"""The version-history surface of units and loadouts (graphstore.store.history does the work).

store.loadouts.versions("atlas-as7-d.stock")             # Page[VersionPublic], newest first
store.loadouts.get("atlas-as7-d.stock", version=3)       # the loadout as version 3 held it
store.loadouts.as_of("atlas-as7-d.stock", at)            # ... as it stood at a time
store.loadouts.diff_versions("atlas-as7-d.stock", 2, 5)  # properties and mounts changed
store.loadouts.restore_version("atlas-as7-d.stock", 3)   # a new version with 3's content
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel

from graphstore.errors import IntegrityError, NotFoundError, ValidationError
from graphstore.instants import checked_instant
from graphstore.store.claims import claim
from graphstore.store.context import Context
from graphstore.store.history import reads
from graphstore.store.history.chain import version_key
from graphstore.store.history.content import Content
from graphstore.store.history.models import (
    ChainReport,
    RestoreResult,
    VersionDiff,
    VersionPublic,
)
from graphstore.store.models import MountPublic, Page
from graphstore.store.scope import Runner, run_one
from graphstore.store.validation import error

PublicT = TypeVar("PublicT", bound=BaseModel)

PAGE_SIZE_MAX = 500


class Versioned(ABC, Generic[PublicT]):
    """Reads and restores of an entity's versions; mixed into its repository."""

    label: ClassVar[str]
    key: ClassVar[str]
    public_model: type[PublicT]
    _context: Context

    def _shown(self, tx: Runner, entity_id: str, include_deleted: bool) -> None:
        """NotFoundError, as a read of the entity itself gives, when it is soft-deleted or
        gone and `include_deleted` is not asked for: its history is hidden as it is."""
        if include_deleted:
            return
        found = run_one(
            tx,
            f"store/{self.key}_get",
            id=entity_id,
            fields=["id"],
            relations=[],
            include_deleted=False,
        )
        if found is None:
            raise NotFoundError(self.label, entity_id)

    # ---- reads -------------------------------------------------------------------------

    def versions(
        self, entity_id: str, *, page: int = 1, page_size: int = 50, include_deleted: bool = False
    ) -> Page[VersionPublic]:
        """The entity's versions, newest first, without their content. Those of a deleted
        entity only with `include_deleted` (as for every history read here)."""
        problems = []
        if page < 1:
            problems.append(error("page", "must be 1 or more"))
        if not 1 <= page_size <= PAGE_SIZE_MAX:
            problems.append(error("page_size", f"must be between 1 and {PAGE_SIZE_MAX}"))
        if problems:
            raise ValidationError(problems)

        def work(tx: Runner) -> tuple[list[VersionPublic], int]:
            self._shown(tx, entity_id, include_deleted)
            return reads.list_versions(tx, self.label, entity_id, (page - 1) * page_size, page_size)

        items, total = self._context.scope.read(work)
        if total == 0 and not self.exists(entity_id, include_deleted=True):  # type: ignore[attr-defined]
            raise NotFoundError(self.label, entity_id)
        return Page(items=items, total=total, page=page, page_size=page_size)

    def get(self, entity_id: str, *, version: int | None = None, **options: Any) -> PublicT:
        """The entity now (see Repository.get), or with `version` as that version held it."""
        if version is None:
            found: PublicT = super().get(entity_id, **options)  # type: ignore[misc]
            return found
        deleted = bool(options.get("include_deleted"))
        return self._from_version(self.version(entity_id, version, include_deleted=deleted))

    def version(
        self, entity_id: str, number: int, *, include_deleted: bool = False
    ) -> VersionPublic:
        """One version with its metadata and content; NotFoundError for an unknown number."""
        return self._read_version(entity_id, number, None, include_deleted)

    def as_of(self, entity_id: str, at: datetime, *, include_deleted: bool = False) -> PublicT:
        """The entity as it stood at `at` (its newest version then); NotFoundError before
        its first version."""
        at = checked_instant(at, "at")
        return self._from_version(self._read_version(entity_id, None, at, include_deleted))

    def _read_version(
        self, entity_id: str, number: int | None, at: datetime | None, include_deleted: bool
    ) -> VersionPublic:
        def work(tx: Runner) -> VersionPublic:
            self._shown(tx, entity_id, include_deleted)
            return reads.read_version(tx, self.label, entity_id, number=number, at=at)

        return self._context.scope.read(work)

    def _from_version(self, found: VersionPublic) -> PublicT:
        assert found.content is not None
        data: dict[str, Any] = {
            **found.content.properties,
            "id": found.entity_id,
            "version": found.number,
            "updated_at": found.at,
        }
        if found.content.mounts is not None:
            data["mounts"] = [m.model_dump() for m in found.content.mounts]
        if found.content.locations is not None:
            data["locations"] = [
                {
                    "id": f"{found.entity_id}/{loc.code}",
                    "unit_id": found.entity_id,
                    **loc.model_dump(),
                }
                for loc in found.content.locations
            ]
        return self.public_model.model_validate(data)

    def diff_versions(
        self, entity_id: str, a: int, b: int, *, include_deleted: bool = False
    ) -> VersionDiff:
        """How version `b` differs from version `a`: properties (old → new), and mounts
        added, removed, moved or changed in quantity (for a unit: locations)."""

        def work(tx: Runner) -> VersionDiff:
            self._shown(tx, entity_id, include_deleted)
            old = reads.version_content(tx, self.label, entity_id, number=a, at=None)[1]
            new = reads.version_content(tx, self.label, entity_id, number=b, at=None)[1]
            return reads.diff_contents(self.label, entity_id, a, b, old, new)

        return self._context.scope.read(work)

    def verify_history(self, entity_id: str) -> ChainReport:
        """Checks the entity's hash chain: every stored version rebuilt and hashed again."""
        return self._context.scope.read(lambda tx: reads.verify_chain(tx, self.label, entity_id))

    # ---- restore -----------------------------------------------------------------------

    def restore_version(
        self, entity_id: str, version: int, *, force: bool = False
    ) -> RestoreResult:
        """Writes a new version equal to `version`'s content; history is never rewritten.

        First checks that what it refers to exists and is live: IntegrityError listing the
        blockers otherwise, unless `force`, which leaves those parts out and reports them.
        The rules engine then checks the result; its errors come back in `rule_errors`.
        """

        def work(tx: Runner) -> RestoreResult:
            content = reads.version_content(tx, self.label, entity_id, number=version, at=None)[1]
            dropped = self._restore_in(tx, entity_id, content, force=force, version=version)
            current = claim(tx, self.label, [entity_id])[entity_id]
            return RestoreResult(
                entity_label=self.label,
                entity_id=entity_id,
                restored_version=version,
                version=current["version"],
                dropped_mounts=dropped,
            )

        result: RestoreResult = self._write(entity_id, work)  # type: ignore[attr-defined]
        result.rule_errors = self._rule_errors(entity_id)
        return result

    @abstractmethod
    def _restore_in(
        self, tx: Runner, entity_id: str, content: Content, *, force: bool, version: int
    ) -> list[MountPublic]:
        """Writes `content` back as the entity's next version; returns what it left out."""

    @abstractmethod
    def _rule_errors(self, entity_id: str) -> list[dict[str, Any]]:
        """The rules engine's errors on the entity as it is now."""


def gone_blockers(
    wanted: Iterable[str], found: dict[str, dict[str, Any]], relationship: str
) -> list[dict[str, object]]:
    """Each wanted item that is purged (no longer exists) or soft-deleted."""
    return [
        {
            "relationship": relationship,
            "label": "Equipment",
            "id": item,
            "state": "purged" if item not in found else "deleted",
        }
        for item in sorted(set(wanted))
        if found.get(item, {"deleted_at": "purged"}).get("deleted_at") is not None
    ]


def refuse_blocked(
    label: str, entity_id: str, version: int | None, blockers: Sequence[dict[str, object]]
) -> None:
    names = ", ".join(f"{b['label']} {b['id']!r} ({b['state']})" for b in blockers)
    at = f" version {version}" if version is not None else ""
    raise IntegrityError(
        f"cannot restore {label} {entity_id!r}{at}: it refers to {names}; pass force to "
        "leave those out",
        blockers=list(blockers),
    )


__all__ = ["Versioned", "gone_blockers", "refuse_blocked", "version_key"]
