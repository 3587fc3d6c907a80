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
