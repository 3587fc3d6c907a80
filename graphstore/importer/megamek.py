"""`import_megamek`: megamek-web JSON (equipment catalogs and unit files) into the graph.

Phases: read the catalogs, write categories and changed equipment, read and resolve every
unit file, write changed units in batches, drop placeholders nothing mounts any more. Every
write goes through the store (graphstore.importer.writer): the same validation, ids, clock
and audit as the API, with the `importer` source and the file in each Change.
Incremental: equipment and units carry a content hash; unchanged ones are not written, so
importing the same directory twice changes nothing and a changed unit file rewrites only
that unit. A unit's hash covers its file and how its references resolved, so a better
catalog re-resolves its mounts in place (same mount_id, new target).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from rich.progress import Progress

from graphstore.errors import ImportSourceError
from graphstore.graph import Graph
from graphstore.importer import writer
from graphstore.importer.catalog import Catalog, read_catalog
from graphstore.importer.pipeline import BackgroundWriter
from graphstore.importer.progress import start_phase
from graphstore.importer.report import Collision, ImportReport, UnresolvedReference
from graphstore.importer.resolution import CatalogEntry, Resolver
from graphstore.importer.sources import describe, relative_name
from graphstore.importer.units import UnitRecord, read_unit, unit_files
from graphstore.store import GraphStore
from graphstore.tenancy.names import DEFAULT_TENANT

EQUIPMENT_BATCH = 500
UNIT_BATCH = 400


def _resolver(graph: Graph, catalog: Catalog) -> Resolver:
    entries = {
        row["id"]: CatalogEntry(row["name"], row["tech_base"], row["crit_slots"])
        for row in graph.read("importer/catalog_index")
    }
    for item in catalog.items.values():
        entries[item.id] = CatalogEntry(item.name, item.tech_base, item.crit_slots)
    return Resolver(entries, catalog.mappings)


def _count(report: ImportReport, unit: UnitRecord) -> None:
    counts = report.counts
    counts.units_imported += 1
    for kind, example in unit.corrections:
        report.add_correction(kind, f"{unit.file}: {example}")
    for mount in unit.mounts:
        counts.mounts_total += 1
        step = mount.resolution.step
        correction = mount.resolution.correction
        if correction is not None:
            report.add_correction(
                correction,
                f"{unit.file} {mount.location}: {mount.original_id} -> "
                f"{mount.resolution.equipment_id} (not {mount.resolution.corrected_from})",
            )
        if step is None:
            counts.mounts_unresolved += 1
            entry = report.unresolved.setdefault(mount.original_id, UnresolvedReference())
            entry.count += 1
            entry.candidates = list(mount.resolution.candidates)
        else:
            resolved = counts.mounts_resolved
            setattr(resolved, step, getattr(resolved, step) + 1)


def _write_catalog(
    store: GraphStore,
    catalog: Catalog,
    stored: dict[str, writer.Stored],
    report: ImportReport,
    progress: Progress | None,
) -> None:
    items = list(catalog.items.values())
    phase = start_phase(progress, "equipment", len(items))
    if catalog.categories:
        writer.write_categories(store, catalog, report)
    for batch in writer.batched(items, EQUIPMENT_BATCH):
        writer.write_equipment(store, batch, stored, report)
        phase.advance(len(batch))
    phase.finish()


def _read_units(
    root: Path,
    files: list[Path],
    resolver: Resolver,
    stored: dict[str, writer.Stored],
    report: ImportReport,
    progress: Progress | None,
    *,
    write: Callable[[list[UnitRecord]], None] | None,
    batch_size: int = UNIT_BATCH,
) -> None:
    """Reads every unit file and hands the changed units to `write` in batches (none in a
    dry run). A file that fails in any way is that file's error; the others go on."""
    seen: dict[str, str] = {}
    pending: list[UnitRecord] = []
    phase = start_phase(progress, "units", len(files))
    for file in files:
        try:
            unit = read_unit(root, file, resolver, report)
        except Exception as error:  # one file's failure is that file's error
            report.add_error(relative_name(root, file), "", f"{describe(error)}; skipped")
            unit = None
        phase.advance()
        if unit is None:
            continue
        if unit.id in seen:
            report.add_error(
                unit.file,
                "id",
                f"unit id {unit.id!r} already imported from {seen[unit.id]}; skipped",
            )
            continue
        seen[unit.id] = unit.file
        _count(report, unit)
        if write is None:
            writer.unit_inputs(unit, report)  # a dry run reports what the store would refuse
            continue
        known = stored.get(unit.id)
        if known is not None and known.content_hash == unit.props["content_hash"]:
            continue
        if known is not None and not known.imported:
            report.left_alone.append(Collision(label="Unit", id=unit.id, file=unit.file))
            continue
        pending.append(unit)
        if len(pending) >= batch_size:
            write(pending)
            pending = []
    if pending and write is not None:
        write(pending)
    phase.finish()


IMPORT_ACTOR = "import"


def import_megamek(
    graph: Graph,
    path: Path | str,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    unit_batch: int = UNIT_BATCH,
    actor: str = IMPORT_ACTOR,
    tenant: str | None = DEFAULT_TENANT,
) -> ImportReport:
    """Imports PATH (with equipment/ and/or units/) and returns the quality report.

    The catalog is shared; the units (and their stock loadouts) go to `tenant`, or become
    shared templates every tenant may copy when it is None.

    With dry_run the files are read, validated and resolved against PATH's catalog plus the
    graph's, and nothing is written.
    """
    store = GraphStore(graph, actor=actor, source="importer", tenant=tenant, platform=True)
    started = time.perf_counter()
    root = Path(path)
    if not (root / "equipment").is_dir() and not (root / "units").is_dir():
        raise ImportSourceError(f"{root} holds neither equipment/ nor units/")
    report = ImportReport()

    reading = start_phase(progress, "catalog", 1)
    catalog = read_catalog(root, report)
    reading.finish()
    report.counts.equipment_imported = len(catalog.items)
    resolver = _resolver(graph, catalog)
    files = unit_files(root, report)
    if dry_run:
        writer.check_equipment(catalog.items.values(), report)
        _read_units(root, files, resolver, {}, report, progress, write=None)
    else:
        # Written on a background thread (in order) while the next files are read; what the
        # writes find wrong goes to their own report, merged below in a stable order.
        written = ImportReport()
        stored_items = writer.stored(graph, "Equipment")
        stored_units = writer.stored(graph, "Unit")
        with BackgroundWriter() as background:
            background.submit(
                lambda: _write_catalog(store, catalog, stored_items, written, progress)
            )
            _read_units(
                root,
                files,
                resolver,
                stored_units,
                report,
                progress,
                write=lambda batch: background.submit(
                    lambda: writer.write_units(store, batch, written)
                ),
                batch_size=unit_batch,
            )
            background.submit(lambda: writer.prune_placeholders(store))
            background.finish()
        report.errors += written.errors
        report.left_alone += written.left_alone
    report.unresolved = dict(sorted(report.unresolved.items()))
    report.duration_s = round(time.perf_counter() - started, 3)
    return report
