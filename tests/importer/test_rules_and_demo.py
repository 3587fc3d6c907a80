"""The rules pack and the demo data set: idempotent loads, the relationships the pack states,
and the planted problems the rules engine finds in the demo loadouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphstore import Graph, RulesEngine, graph_hash, import_rules, load_demo
from graphstore.errors import ImportSourceError
from graphstore.importer.demo import demo_path, demo_tour, rules_path
from graphstore.importer.rules_pack import read_rules_pack
from tests.importer.conftest import q

PLANTED = {
    "hunchback-hbk-4g-demo-conflict.stock": "conflict",
    "phoenix-hawk-pxh-1k-demo-artemis.stock": "missing_prerequisite",
    "thunderbolt-tdr-5s-demo-clan-tech.stock": "tech_base",
    "griffin-grf-1n-demo-too-early.stock": "intro_year",
    "crusader-crd-5s-demo-over-full.stock": "slot_budget",
    "griffin-grf-1n-demo-over-heat.stock": "heat_balance",
    "warhammer-whm-6rb.stock": "unresolved_equipment",
}


def test_the_shipped_rules_pack_is_valid_and_documented() -> None:
    pack = read_rules_pack(rules_path())
    assert pack.conflicts
    assert pack.requires
    assert pack.limits
    assert all(rule.reason for rule in [*pack.conflicts, *pack.requires, *pack.limits])
    pairs = {frozenset(rule.items) for rule in pack.conflicts}
    assert frozenset({"masc", "tsm"}) in pairs
    assert frozenset({"mek-null-signature-system", "chameleon-light-polarization-shield"}) in pairs


def test_the_demo_and_rules_load_idempotently(migrated: Graph) -> None:
    first = load_demo(migrated)
    assert first.data.errors == []
    assert first.data.counts.units_imported == 15
    assert first.data.counts.mounts_resolved.mapping == 1
    assert first.data.counts.mounts_resolved.normalized == 1
    assert set(first.data.unresolved) == {"particle-cannon"}
    assert first.rules.conflicts >= 3
    assert first.rules.requires >= 2
    before = graph_hash(migrated)
    again = load_demo(migrated)
    assert graph_hash(migrated) == before
    assert again.data.counts == first.data.counts
    assert again.rules == first.rules.model_copy(update={"duration_s": again.rules.duration_s})


def test_the_rules_pack_becomes_relationships_and_limits(migrated: Graph) -> None:
    load_demo(migrated)
    [conflict] = migrated.read(q("relationship"), source="masc", target="tsm")
    assert conflict["type"] == "CONFLICTS_WITH"
    assert "MASC" in conflict["props"]["reason"]
    [requires] = migrated.read(q("relationship"), source="stealth-armor", target="electronics-ecm")
    assert requires["type"] == "REQUIRES"
    [artemis] = migrated.read(q("relationship"), source="artemisiv", target="weapons-missile")
    assert artemis["type"] == "REQUIRES"
    masc = migrated.read(q("node"), id="masc")[0]["props"]
    assert masc["max_per_unit"] == 1
    assert masc["version"] == 3  # created by the catalog; the conflict edge, then the limit
    hatchet = migrated.read(q("node"), id="hatchet")[0]["props"]
    assert hatchet["max_per_location"] == 1
    assert hatchet.get("max_per_unit") is None


def test_rules_naming_unknown_items_are_reported_not_fatal(migrated: Graph, tmp_path: Path) -> None:
    load_demo(migrated)
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "conflicts:\n  - items: [masc, no-such-item]\n    reason: test\n"
        "requires:\n  - item: ppc\n    category: no/such\n    reason: test\n"
    )
    report = import_rules(migrated, pack)
    assert report.conflicts == 0
    assert report.missing_equipment == ["no-such-item"]
    assert report.missing_categories == ["no/such"]


@pytest.mark.parametrize(
    "text",
    ["conflicts: [", "conflicts:\n  - items: [masc]\n    reason: one item\n", "surprise: 1\n"],
)
def test_a_malformed_rules_file_is_refused(tmp_path: Path, text: str) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text(text)
    with pytest.raises(ImportSourceError):
        read_rules_pack(pack)


def test_the_demo_does_not_depend_on_the_shared_corpus() -> None:
    for path in demo_path().rglob("*.json"):
        assert "shared/corpus" not in path.read_text()


def test_the_rules_engine_finds_every_planted_problem(migrated: Graph) -> None:
    rules = pytest.importorskip("graphstore.rules")
    load_demo(migrated)
    for loadout_id, rule in PLANTED.items():
        found = {v.rule for v in rules.validate(migrated, loadout_id).violations}
        assert rule in found, f"{loadout_id}: expected {rule}, found {sorted(found)}"
    clean = {v.rule for v in rules.validate(migrated, "timber-wolf-demo-prime.stock").violations}
    assert not clean & {"tech_base", "intro_year", "conflict", "missing_prerequisite"}


def test_the_tour_lists_counts_and_what_fits(migrated: Graph) -> None:
    load_demo(migrated)
    tour = demo_tour(migrated)
    assert tour.counts["units"] == 15
    assert tour.counts["unresolved"] == 1
    assert tour.fits
    engine = RulesEngine(migrated)
    for row in tour.fits:  # each fits: mounting it there breaks no rule
        broken = engine.explain(tour.fits_loadout_id, row["id"], tour.fits_location)
        assert [v for v in broken if v.is_blocking] == []
    assert not any(row["id"].startswith("unresolved-") for row in tour.fits)
    assert not any(row["id"].startswith("clan-") for row in tour.fits)
