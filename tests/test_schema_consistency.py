"""One model, four descriptions: docs/model.md, the OGM classes, the migrations and the store's
pydantic models must agree on labels, properties and relationship types."""

from __future__ import annotations

import re

import pytest
from neomodel import RelationshipDefinition

from graphstore.migrations.schema_diff import declared_schema
from graphstore.migrations.script import discover
from graphstore.ogm import OGM_CLASSES, Mount
from graphstore.ogm.base import ReadOnlyNode
from graphstore.resources import resource_dir
from tests.conftest import REPO_ROOT

_STAMPS = {"version", "created_at", "updated_at", "deleted_at", "imported_from", "tenant"}
_IDENTIFIER = re.compile(r"`([a-z_]+)`")


def _doc_tables() -> tuple[dict[str, set[str]], dict[str, set[tuple[str, str]]]]:
    """(label -> properties, relationship type -> {(from, to)}) as docs/model.md states them."""
    nodes: dict[str, set[str]] = {}
    relationships: dict[str, set[tuple[str, str]]] = {}
    for line in (REPO_ROOT / "docs" / "model.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and re.fullmatch(r"`[A-Za-z_]+`", cells[0]):
            # Property lists name each property in backticks; parenthesised notes follow.
            names = _IDENTIFIER.findall(re.sub(r"\([^)]*\)", "", cells[1]))
            nodes[cells[0].strip("`")] = set(names)
        elif len(cells) == 4 and re.fullmatch(r"`[A-Z_]+`", cells[0]):
            source, _, targets = cells[1].partition("→")
            for target in re.split(r"\s+or\s+|,", targets):
                for start in re.split(r"\s+or\s+|,", source):
                    relationships.setdefault(cells[0].strip("`"), set()).add(
                        (start.strip(), target.strip())
                    )
    return nodes, relationships


def _db_properties(cls: type) -> dict[str, object]:
    return {
        prop.get_db_property_name(name): prop
        for name, prop in cls.defined_properties(aliases=False, rels=False).items()
    }


def _relationships(cls: type[ReadOnlyNode]) -> list[RelationshipDefinition]:
    return list(cls.defined_properties(aliases=False, properties=False).values())


@pytest.mark.parametrize("cls", OGM_CLASSES, ids=lambda c: c.__name__)
def test_ogm_properties_match_docs(cls: type[ReadOnlyNode]) -> None:
    nodes, _ = _doc_tables()
    documented = nodes[cls.__name__]
    if cls.__name__ != "Location":
        documented |= _STAMPS
    assert set(_db_properties(cls)) == documented


@pytest.mark.parametrize("cls", OGM_CLASSES, ids=lambda c: c.__name__)
def test_ogm_relationships_are_documented_with_their_direction(cls: type[ReadOnlyNode]) -> None:
    _, documented = _doc_tables()
    for relationship in _relationships(cls):
        definition = relationship.definition
        relationship.lookup_node_class()
        other = definition["node_class"].__name__
        outgoing = definition["direction"] == 1
        pair = (cls.__name__, other) if outgoing else (other, cls.__name__)
        assert pair in documented[definition["relation_type"]], (definition["relation_type"], pair)


def test_mount_properties_match_docs() -> None:
    documented = {"mount_id", "location", "slot", "rear", "quantity"}
    assert set(_db_properties(Mount)) == documented


def test_constraints_and_indexes_match_the_ogm_in_both_directions() -> None:
    declared = declared_schema(list(discover(resource_dir("migrations")).versioned.values()))
    migrated: set[tuple[str, str, str]] = set()
    for kind, labels, properties in declared.values():
        for label in labels:
            for prop in properties:
                migrated.add(("unique" if kind == "CONSTRAINT" else "index", label, prop))
    ogm: set[tuple[str, str, str]] = set()
    for cls in (*OGM_CLASSES, Mount):
        label = "MOUNTS" if cls is Mount else cls.__name__
        for name, prop in _db_properties(cls).items():
            if getattr(prop, "unique_index", False):
                ogm.add(("unique", label, name))
            elif getattr(prop, "index", False):
                ogm.add(("index", label, name))
    ogm_labels = {"MOUNTS", *(cls.__name__ for cls in OGM_CLASSES)}
    assert ogm == {entry for entry in migrated if entry[1] in ogm_labels}


def test_store_public_models_use_the_same_property_names() -> None:
    models = pytest.importorskip("graphstore.store.models")
    # Fields that are loaded relations or derived views, not properties of the node itself.
    not_properties = {
        "UnitPublic": {"locations", "loadouts"},
        "EquipmentPublic": {"categories"},
        "CategoryPublic": {"parent_id", "children", "member_ids"},
        "LoadoutPublic": {"mounts", "derived_from"},
    }
    for cls in OGM_CLASSES:
        public = getattr(models, f"{cls.__name__}Public")
        fields = set(public.model_fields) - not_properties.get(public.__name__, set())
        assert fields == set(_db_properties(cls)), public.__name__
