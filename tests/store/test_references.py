"""The integrity table in code and in docs/model.md are the same table."""

from __future__ import annotations

from pathlib import Path

from graphstore.store.references import REFERENCES, markdown_table

MODEL = Path(__file__).resolve().parents[2] / "docs" / "model.md"


def test_docs_show_the_table_from_code() -> None:
    assert markdown_table() in MODEL.read_text(encoding="utf-8")


def test_every_relationship_in_the_model_has_a_rule() -> None:
    documented = {
        line.split("`")[1]
        for line in MODEL.read_text(encoding="utf-8")
        .split("## Relationships")[1]
        .split("##")[0]
        .splitlines()
        if line.startswith("| `")
    }
    assert documented == {ref.relationship for ref in REFERENCES}
