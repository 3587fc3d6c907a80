"""Reference resolution, in plain Python: the three steps, and never a guess among ties."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from graphstore.importer.resolution import CatalogEntry, Resolver, plain_key, tech_key
from graphstore.importer.units import parse_mount_location

_ID = st.from_regex(r"[a-z][a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)


def _resolver(ids: list[str], mappings: dict[str, str] | None = None) -> Resolver:
    return Resolver({i: CatalogEntry(None, "INNER_SPHERE") for i in ids}, mappings or {})


def test_keys_drop_counts_case_punctuation_and_tech_markers() -> None:
    assert plain_key("1-IS Medium-Laser") == "ismediumlaser"
    assert tech_key("1-ISMediumLaser") == ("INNER_SPHERE", "mediumlaser")
    assert tech_key("CLERLargeLaser") == ("CLAN", "erlargelaser")
    assert tech_key("ER Large Laser (Clan)") == ("CLAN", "erlargelaser")
    assert tech_key("Clan ER Large Laser") == ("CLAN", "erlargelaser")
    assert tech_key("AC/20") == (None, "ac20")


def test_mount_locations_parse_suffixes() -> None:
    assert parse_mount_location("RIGHT_TORSO,_AMMO:20") == ("RIGHT_TORSO", False, 20)
    assert parse_mount_location("LEFT_TORSO_(R)") == ("LEFT_TORSO", True, 1)
    assert parse_mount_location("HEAD") == ("HEAD", False, 1)
    assert parse_mount_location("LEFT ARM") is None
    assert parse_mount_location("RIGHT_ARM,_AMMO:x") is None


def test_a_mapping_to_an_unknown_id_falls_through() -> None:
    resolver = _resolver(["ac-20"], {"AC/20": "ac-20", "Big Gun": "not-in-catalog"})
    assert resolver.resolve("AC/20").step == "mapping"
    assert not resolver.resolve("Big Gun").resolved


@settings(max_examples=40, deadline=None)
@given(ids=st.lists(_ID, min_size=1, max_size=12, unique=True), data=st.data())
def test_resolution_matches_a_plain_python_oracle(ids: list[str], data: st.DataObject) -> None:
    resolver = _resolver(ids)
    target = data.draw(st.sampled_from(ids))
    assert resolver.resolve(target).step == "exact"
    count = data.draw(st.integers(min_value=1, max_value=3))
    spelled = f"{count}-" + re.sub("-", data.draw(st.sampled_from(["", "_", " ", "/"])), target)
    spelled = spelled.upper() if data.draw(st.booleans()) else spelled
    if spelled in ids:
        return
    result = resolver.resolve(spelled)
    same_key = sorted(i for i in ids if plain_key(i) == plain_key(spelled))
    if len(same_key) == 1:
        assert (result.step, result.equipment_id) == ("normalized", target)
    elif same_key:
        assert not result.resolved
        assert list(result.candidates) == same_key


# ---- a 'Mech mount weighed with the rest of its unit file ---------------------------------

_LASERS = {
    "er-large-laser": CatalogEntry("ER Large Laser", "INNER_SPHERE", 2),
    "clan-er-large-laser": CatalogEntry("ER Large Laser (Clan)", "CLAN", 1),
    "lb-10-x-ac": CatalogEntry("LB 10-X AC", "INNER_SPHERE", 6),
    "clan-lb-10-x-ac": CatalogEntry("LB 10-X AC (Clan)", "CLAN", 5),
    "heavy-medium-laser": CatalogEntry("Heavy Medium Laser", "CLAN", 2),
    "baheavymediumlaser": CatalogEntry("Heavy Medium Laser", "CLAN", 4),
    "basrm2-os": CatalogEntry("SRM 2 (OS)", "CLAN", 2),
    "srm-2-os": CatalogEntry("SRM 2 (OS)", "INNER_SPHERE", 1),
    "clan-srm-2-os": CatalogEntry("SRM 2 (OS) (Clan)", "CLAN", 1),
}
_MAPPINGS = {"CLERLargeLaser": "clan-er-large-laser", "ISERLargeLaser": "er-large-laser"}


def _mech_resolver() -> Resolver:
    return Resolver(_LASERS, _MAPPINGS)


def test_the_locations_slot_names_decide_between_same_name_items() -> None:
    found = _mech_resolver().resolve_mount("er-large-laser", "MIXED", ["CLERLargeLaser"] * 1)
    assert (found.equipment_id, found.correction) == ("clan-er-large-laser", "slot_name")
    assert found.corrected_from == "er-large-laser"
    assert found.step == "exact"  # the step that found the reference stays counted


def test_a_slot_name_with_the_same_letters_and_a_tech_marker_decides() -> None:
    # MegaMek spells the LB-X `CLLBXAC10`; the catalog `LB 10-X AC (Clan)`.
    found = _mech_resolver().resolve_mount("lb-10-x-ac", "MIXED", ["CLLBXAC10"] * 5)
    assert (found.equipment_id, found.correction) == ("clan-lb-10-x-ac", "slot_name")


def test_a_slot_whose_marker_contradicts_its_item_is_no_evidence() -> None:
    # A slot that resolves to the Clan item but says IS (a duplicate id's ammo, say).
    resolver = Resolver(_LASERS, {**_MAPPINGS, "IS LB 10-X AC Ammo": "clan-lb-10-x-ac"})
    found = resolver.resolve_mount("lb-10-x-ac", "MIXED", ["IS LB 10-X AC Ammo"])
    assert (found.equipment_id, found.correction) == ("lb-10-x-ac", None)


def test_the_units_tech_base_breaks_the_tie_when_the_slots_do_not() -> None:
    found = _mech_resolver().resolve_mount("er-large-laser", "CLAN", ["Unnamed Thing"])
    assert (found.equipment_id, found.correction) == ("clan-er-large-laser", "unit_tech_base")
    assert _mech_resolver().resolve_mount("er-large-laser", "INNER_SPHERE", []).correction is None


def test_a_mech_mount_never_lands_on_a_battle_armor_item() -> None:
    found = _mech_resolver().resolve_mount("heavy-medium-laser", "CLAN", [])
    assert found.equipment_id == "heavy-medium-laser"
    by_name = _mech_resolver().resolve_mount("Heavy Medium Laser", "CLAN", [])
    assert (by_name.equipment_id, by_name.correction) == ("heavy-medium-laser", "mech_item")


def test_a_tie_no_evidence_breaks_stays_unresolved() -> None:
    resolver = _mech_resolver()
    tied = resolver.resolve("SRM 2 (OS)")
    assert not tied.resolved
    assert set(tied.candidates) == {"srm-2-os", "basrm2-os"}
    # MIXED unit, no slot names: the 'Mech item wins over battle armor, nothing else is
    # guessed.
    found = resolver.resolve_mount("SRM 2 (OS)", "MIXED", [])
    assert (found.equipment_id, found.correction) == ("srm-2-os", "mech_item")
    both = Resolver(
        {"a-gun": CatalogEntry("Gun", "INNER_SPHERE"), "b-gun": CatalogEntry("Gun", "CLAN")}, {}
    )
    assert not both.resolve_mount("Gun", "MIXED", []).resolved
    assert both.resolve_mount("Gun", "CLAN", []).equipment_id == "b-gun"
