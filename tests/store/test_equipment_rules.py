"""Rule edges (CONFLICTS_WITH, REQUIRES) to items or categories, and the category list."""

from __future__ import annotations

import pytest

from graphstore import GraphStore, NotFoundError, ValidationError


def test_rules_round_trip(catalog: GraphStore) -> None:
    catalog.equipment.add_rule("ac-20", "CONFLICTS_WITH", "large-laser", "one big gun")
    rules = catalog.equipment.add_rule("medium-laser", "REQUIRES", "weapons", "needs a weapon")
    assert [(r.kind, r.target_id, r.target_label, r.reason) for r in rules] == [
        ("REQUIRES", "weapons", "Category", "needs a weapon")
    ]
    again = catalog.equipment.add_rule("ac-20", "CONFLICTS_WITH", "large-laser", "reworded")
    assert [(r.target_id, r.reason) for r in again] == [("large-laser", "reworded")]
    assert catalog.equipment.get("ac-20").version == 3
    catalog.equipment.remove_rule("ac-20", "CONFLICTS_WITH", "large-laser")
    assert catalog.equipment.rules("ac-20") == []
    with pytest.raises(NotFoundError):
        catalog.equipment.remove_rule("ac-20", "CONFLICTS_WITH", "large-laser")
    assert [c.operation for c in catalog.history("ac-20")][:3] == ["update"] * 3


def test_a_rule_needs_a_real_target_and_kind(catalog: GraphStore) -> None:
    with pytest.raises(ValidationError) as raised:
        catalog.equipment.add_rule("ac-20", "REQUIRES", "nothing")
    assert raised.value.errors[0]["path"] == "target_id"
    with pytest.raises(ValidationError) as raised:
        catalog.equipment.add_rule("ac-20", "LIKES", "heat-sink")
    assert raised.value.errors[0]["path"] == "kind"


def test_deleting_a_rule_target_detaches_the_rule(catalog: GraphStore) -> None:
    catalog.equipment.add_rule("ac-20", "CONFLICTS_WITH", "heat-sink")
    catalog.equipment.delete("heat-sink")
    assert catalog.equipment.rules("ac-20") == []


def test_category_list(catalog: GraphStore) -> None:
    listed = catalog.categories.list()
    assert [(c.id, c.parent_id) for c in listed] == [("weapons", None), ("energy", "weapons")]
