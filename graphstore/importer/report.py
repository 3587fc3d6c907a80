"""The import's quality report: what was read, how references resolved, what could not be
imported (errors) and what was imported with a note (warnings)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field


class ResolvedCounts(BaseModel):
    """Mounts resolved, per resolution step (exact id, name-mappings.json, normalized key)."""

    exact: int = 0
    mapping: int = 0
    normalized: int = 0

    @property
    def total(self) -> int:
        return self.exact + self.mapping + self.normalized


class Corrections(BaseModel):
    """How often one kind of evidence corrected what a unit file's field said, with examples."""

    count: int = 0
    examples: list[str] = Field(default_factory=list)


CORRECTION_EXAMPLES = 5


class ImportCounts(BaseModel):
    units_imported: int = 0
    equipment_imported: int = 0
    mounts_total: int = 0
    mounts_resolved: ResolvedCounts = Field(default_factory=ResolvedCounts)
    mounts_unresolved: int = 0


class UnresolvedReference(BaseModel):
    """An equipment reference no step resolved: how often it occurs and the tied candidates."""

    count: int = 0
    candidates: list[str] = Field(default_factory=list)


class DuplicateItem(BaseModel):
    """A catalog id found in more than one place; `winner` is the source that was kept."""

    id: str
    winner: str
    sources: list[str]
    differing_fields: list[str]


class ImportIssue(BaseModel):
    """A problem in one file: the file (relative to the import root), the field and what."""

    file: str
    field: str
    message: str


class Collision(BaseModel):
    """An id the import would write that belongs to an entity it did not create."""

    label: str
    id: str
    file: str
    reason: str = "exists and was not created by an import; left as it is"


class ImportReport(BaseModel):
    """The JSON quality report of `graphstore import megamek`."""

    counts: ImportCounts = Field(default_factory=ImportCounts)
    unresolved: dict[str, UnresolvedReference] = Field(default_factory=dict)
    corrections: dict[str, Corrections] = Field(
        default_factory=dict,
        description="kind -> how often the file's other evidence corrected a field, examples",
    )
    duplicates: list[DuplicateItem] = Field(default_factory=list)
    renamed: dict[str, str] = Field(
        default_factory=dict, description="source ids that are not URL-safe -> the ids stored"
    )
    left_alone: list[Collision] = Field(
        default_factory=list, description="entities an import did not create, so it left alone"
    )
    errors: list[ImportIssue] = Field(
        default_factory=list,
        description="what could not be imported: a file, a unit or a mount skipped",
    )
    warnings: list[ImportIssue] = Field(
        default_factory=list,
        description="what was imported with a note: an empty equipment list, a derived value "
        "out of range stored as unknown, a critical-slot section the unit type does not have",
    )
    duration_s: float = 0.0

    def add_correction(self, kind: str, example: str) -> None:
        entry = self.corrections.setdefault(kind, Corrections())
        entry.count += 1
        if len(entry.examples) < CORRECTION_EXAMPLES:
            entry.examples.append(example)

    def add_error(self, file: str, field: str, message: str) -> None:
        """Something in `file` was not imported."""
        self.errors.append(ImportIssue(file=file, field=field, message=message))

    def add_warning(self, file: str, field: str, message: str) -> None:
        """`file` was imported, with something worth knowing about it."""
        self.warnings.append(ImportIssue(file=file, field=field, message=message))

    def write(self, path: Path) -> None:
        path.write_text(self.model_dump_json(indent=2) + "\n", encoding="utf-8")
