"""Random unit files against a plain-Python expectation of the mounts the graph must hold."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphstore import Graph, graph_hash, import_megamek
from graphstore.importer.ids import placeholder_id
from testkit import wipe
from tests.importer.conftest import item, q, unit

CATALOG_IDS = ["medium-laser", "large-laser", "ppc", "srm-6"]
REFERENCES = [*CATALOG_IDS, "plasma-thrower", "mystery-box"]
CODES = ["HEAD", "CENTER_TORSO", "LEFT_TORSO", "RIGHT_TORSO", "LEFT_ARM", "RIGHT_LEG"]

_mount = st.tuples(
    st.sampled_from(REFERENCES),
    st.sampled_from(CODES),
    st.one_of(st.just(""), st.just("_(R)"), st.integers(1, 200).map(lambda n: f",_AMMO:{n}")),
)
_units = st.lists(st.lists(_mount, max_size=6), min_size=1, max_size=4)


def _expected(units: list[list[tuple[str, str, str]]]) -> set[tuple[Any, ...]]:
    rows = set()
    for u, mounts in enumerate(units):
        for index, (reference, code, suffix) in enumerate(mounts):
            target = reference if reference in CATALOG_IDS else placeholder_id(reference)
            quantity = int(suffix.split(":")[1]) if suffix.startswith(",") else 1
            rows.add((f"u{u}.stock.{index}", target, code, suffix == "_(R)", quantity))
    return rows


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(units=_units)
def test_mounts_in_the_graph_match_the_files(migrated: Graph, units: list[Any]) -> None:
    wipe.clear_data(migrated)
    root = Path(tempfile.mkdtemp())
    try:
        catalog = {"items": [item(i, i.replace("-", " ").title()) for i in CATALOG_IDS]}
        (root / "equipment").mkdir()
        (root / "equipment" / "misc.json").write_text(json.dumps(catalog))
        (root / "units").mkdir()
        for u, mounts in enumerate(units):
            equipment = [(reference, code + suffix) for reference, code, suffix in mounts]
            (root / "units" / f"u{u}.json").write_text(json.dumps(unit(f"u{u}", equipment)))
        report = import_megamek(migrated, root)
        found = {
            (m["mount_id"], m["equipment_id"], m["location"], m["rear"], m["quantity"])
            for u in range(len(units))
            for m in migrated.read(q("mounts"), loadout_id=f"u{u}.stock")
        }
        assert found == _expected(units)
        resolved = report.counts.mounts_resolved.total
        assert resolved + report.counts.mounts_unresolved == report.counts.mounts_total
        assert report.counts.mounts_total == sum(len(m) for m in units)
        before = graph_hash(migrated)
        import_megamek(migrated, root)
        assert graph_hash(migrated) == before
    finally:
        shutil.rmtree(root)
