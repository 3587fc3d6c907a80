"""The backup file format on its own: round trips, and every kind of damage reported with
where it is (no engine needed)."""

from __future__ import annotations

import errno
import json
import struct
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from neo4j.time import DateTime

from graphstore.backup import archive
from graphstore.backup.archive import BackupError, Reader, Writer

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.builds(
        DateTime,
        st.integers(1970, 2100),
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(0, 23),
        st.integers(0, 59),
        st.integers(0, 59),
        st.integers(0, 999_999_999),
    ),
)
records = st.lists(
    st.fixed_dictionaries(
        {"n": st.text(min_size=1, max_size=8), "l": st.lists(st.text(max_size=5), max_size=2)},
        optional={"p": st.dictionaries(st.text(max_size=6), values, max_size=4)},
    ),
    max_size=30,
)


def _write(path: Path, rows: list[dict[str, Any]], secret: bytes | None = None) -> Path:
    writer = Writer(path, secret)
    for row in rows:
        writer.add({**row, "p": archive.encode_properties(row.get("p", {}))})
    return writer.finish({"records": len(rows)})


@settings(max_examples=25, deadline=None)
@given(rows=records, encrypted=st.booleans())
def test_what_is_written_reads_back(
    tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, Any]], encrypted: bool
) -> None:
    path = tmp_path_factory.mktemp("archive") / "b.gsb"
    secret = b"correct horse" if encrypted else None
    with mock.patch.object(archive, "CHUNK_RECORDS", 7):  # several frames
        _write(path, rows, secret)
    reader = Reader(path, secret)
    back = [{**r, "p": archive.decode_properties(r["p"])} for r in reader.records()]
    assert back == [{**row, "p": row.get("p", {})} for row in rows]
    assert reader.metadata == {"records": len(rows)}


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    rows = [{"n": str(i), "l": ["Unit"], "p": {"name": f"unit {i}" * 20}} for i in range(50)]
    with mock.patch.object(archive, "CHUNK_RECORDS", 10):
        return _write(tmp_path / "b.gsb", rows)


def _read_all(path: Path, secret: bytes | None = None) -> None:
    for _ in Reader(path, secret).records():
        pass


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.9, 0.999])
def test_a_flipped_byte_is_found_and_located(backup: Path, tmp_path: Path, fraction: float) -> None:
    data = bytearray(backup.read_bytes())
    start = Reader(backup).data_start
    offset = start + int((len(data) - start) * fraction)
    data[offset] ^= 0x40
    damaged = tmp_path / "damaged.gsb"
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError, match=r"frame \d+ at byte \d+ is damaged|cut short") as found:
        Reader(damaged).read_metadata()
    frame_at = int(str(found.value).split(" at byte ")[1].split(" ")[0])
    assert frame_at <= offset  # the frame named is the one holding the flipped byte, or before


@pytest.mark.parametrize("keep", [0.2, 0.6, 0.99])
def test_a_cut_file_is_found(backup: Path, tmp_path: Path, keep: float) -> None:
    data = backup.read_bytes()
    cut = tmp_path / "cut.gsb"
    cut.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(BackupError, match=r"cut short|damaged"):
        _read_all(cut)


def test_bytes_after_the_end_are_refused(backup: Path, tmp_path: Path) -> None:
    longer = tmp_path / "longer.gsb"
    longer.write_bytes(backup.read_bytes() + b"\x01" * 20)
    with pytest.raises(BackupError, match="after the end"):
        _read_all(longer)


def test_keys(tmp_path: Path) -> None:
    path = _write(tmp_path / "secret.gsb", [{"n": "1", "l": ["Unit"]}], b"right")
    assert b"Unit" not in path.read_bytes()
    with pytest.raises(BackupError, match="wrong key"):
        Reader(path, b"wrong")
    with pytest.raises(BackupError, match="is encrypted: set GRAPHSTORE_BACKUP_KEY"):
        _read_all(path)
    assert Reader(path).read_metadata() is None  # checksums still verify without the key
    assert Reader(path, b"right").read_metadata() == {"records": 1}


def test_what_is_not_a_backup(tmp_path: Path, backup: Path) -> None:
    with pytest.raises(BackupError, match="no such file"):
        Reader(tmp_path / "missing.gsb")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(BackupError, match="not a graphstore backup"):
        Reader(text)
    data = backup.read_bytes()
    length = struct.unpack(">I", data[8:12])[0]
    header = json.loads(data[12 : 12 + length])
    newer = json.dumps({**header, "format_version": 99}).encode()
    future = tmp_path / "future.gsb"
    future.write_bytes(data[:8] + struct.pack(">I", len(newer)) + newer + data[12 + length :])
    with pytest.raises(BackupError, match="format 99 is newer"):
        Reader(future)
    with pytest.raises(BackupError, match="exists"):
        Writer(backup)


def test_a_full_disk_leaves_no_partial_file(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "full.gsb")
    full = OSError(errno.ENOSPC, "No space left on device")
    with mock.patch.object(writer, "_sink", mock.Mock(write=mock.Mock(side_effect=full))):
        writer.add({"n": "1"})
        with pytest.raises(BackupError, match="No space left on device"):
            writer.finish({})
    assert list(tmp_path.iterdir()) == []
