"""Migration file parsing: statement splitting, naming, phases and checksums."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphstore.errors import MigrationError
from graphstore.migrations.script import (
    MigrationScript,
    ScriptKind,
    discover,
    parse_script,
    split_statements,
)


def test_semicolons_inside_strings_comments_and_names_do_not_split() -> None:
    text = """
    // a comment; with a semicolon
    CREATE (:A {s: 'x;y', t: "a\\";b"});  /* block; comment */
    MATCH (`odd;name`) RETURN 1
    ;
    """
    assert split_statements(text) == [
        """CREATE (:A {s: 'x;y', t: "a\\";b"})""",
        "MATCH (`odd;name`) RETURN 1",
    ]


def test_an_unterminated_string_is_an_error() -> None:
    with pytest.raises(MigrationError, match="unterminated ' quote"):
        split_statements("CREATE (:A {s: 'oops});")


_safe_text = st.text(alphabet=st.characters(blacklist_characters="'\\\n\r", codec="utf-8"))


@given(
    st.lists(
        st.tuples(st.sampled_from(["CREATE (:N {v: ", "MATCH (n) WHERE n.v = "]), _safe_text),
        min_size=1,
        max_size=6,
    )
)
def test_split_returns_exactly_the_statements_joined(parts: list[tuple[str, str]]) -> None:
    statements = [
        f"{head}'{value}'{')' if head.startswith('CREATE') else ' RETURN n'}"
        for head, value in parts
    ]
    text = ";\n// comment; here\n".join(statements) + ";"
    assert split_statements(text) == statements


def _script(tmp_path: Path, name: str, text: str) -> MigrationScript:
    path = tmp_path / name
    path.write_text(text)
    return parse_script(path)


def test_file_names_are_checked(tmp_path: Path) -> None:
    assert _script(tmp_path, "V007__add_things.cypher", "RETURN 1").version == 7
    assert _script(tmp_path, "R__views.cypher", "RETURN 1").kind is ScriptKind.REPEATABLE
    for bad in ("V1_missing_underscore.cypher", "R7__numbered_repeatable.cypher", "X001__x.cypher"):
        with pytest.raises(MigrationError, match=r"V<NNN>__|need a version"):
            _script(tmp_path, bad, "RETURN 1")


def test_schema_then_data_then_schema_phases(tmp_path: Path) -> None:
    script = _script(
        tmp_path,
        "V001__mixed.cypher",
        "CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\n"
        "MATCH (n:A) SET n.x = 1;\nMATCH (n:A) SET n.y = 2;\n"
        "DROP INDEX b IF EXISTS;",
    )
    leading, data, trailing = script.phases()
    assert leading == ["CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)"]
    assert len(data) == 2
    assert trailing == ["DROP INDEX b IF EXISTS"]


def test_a_schema_statement_between_data_statements_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MigrationError, match="split it into two migrations"):
        _script(
            tmp_path,
            "V001__ambiguous.cypher",
            "CREATE (:A);\nCREATE INDEX a FOR (n:A) ON (n.x);\nCREATE (:B);",
        )


def test_checksum_ignores_comments_and_whitespace_but_not_content(tmp_path: Path) -> None:
    base = _script(tmp_path, "V001__a.cypher", "CREATE (:A {s: 'x  y'});")
    reformatted = _script(tmp_path, "V001__a.cypher", "// why\nCREATE   (:A\n {s: 'x  y'})  ;\n")
    assert base.checksum == reformatted.checksum
    changed = _script(tmp_path, "V001__a.cypher", "CREATE (:A {s: 'x y'});")
    assert changed.checksum != base.checksum


def test_discover_refuses_duplicates_and_stray_undo(tmp_path: Path) -> None:
    (tmp_path / "V001__a.cypher").write_text("RETURN 1")
    (tmp_path / "V001__b.cypher").write_text("RETURN 1")
    with pytest.raises(MigrationError, match="two V scripts for version 1"):
        discover(tmp_path)
    (tmp_path / "V001__b.cypher").unlink()
    (tmp_path / "U002__b.cypher").write_text("RETURN 1")
    with pytest.raises(MigrationError, match="without a forward migration"):
        discover(tmp_path)


def test_every_shipped_migration_has_an_undo() -> None:
    from graphstore.resources import resource_dir

    scripts = discover(resource_dir("migrations"))
    assert scripts.versioned
    assert set(scripts.undo) == set(scripts.versioned)
