"""The backup file: a header, then checksummed frames of compressed (and maybe encrypted)
records, then a metadata frame. docs/backup-format.md is the specification.

    file    = MAGIC, u32 header length, header JSON, frame*, (end)
    frame   = u8 kind, u32 index, u32 length, payload, sha-256(kind, index, payload)
    payload = zstd(JSON lines)                         unencrypted
            | nonce(12), AES-256-GCM(zstd(JSON lines)) encrypted; AAD = MAGIC, kind, index

Every frame's checksum is over what is stored, so `verify` finds a flipped byte or a cut
file without the key, and says where. With the key, the AEAD tag also refuses a frame that
was forged, or moved. The metadata frame comes last: a file without it was cut short.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import zstandard
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from neo4j.time import Date, DateTime, Duration, Time

from graphstore.errors import GraphStoreError
from graphstore.private_files import create_private, private_dirs

MAGIC = b"GSBACKUP"
FORMAT = "graphstore-backup"
FORMAT_VERSION = 1
RECORDS, METADATA = 1, 2
CHUNK_RECORDS = 2_000
_FRAME_HEAD = struct.Struct(">BII")
_DIGEST = 32
_NONCE = 12
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_KEY_CHECK = b"graphstore backup key check"


class BackupError(GraphStoreError):
    """A backup that cannot be written, read or restored, with where and why."""


# ---- values ------------------------------------------------------------------------------


_PLAIN = frozenset({str, int, float, bool, type(None)})
_TEMPORAL: dict[type, tuple[str, str]] = {
    DateTime: ("$datetime", "iso_format"),
    Date: ("$date", "iso_format"),
    Time: ("$time", "iso_format"),
    Duration: ("$duration", "iso_format"),
    datetime: ("$datetime", "isoformat"),
    date: ("$date", "isoformat"),
}


def encode_value(value: Any) -> Any:
    """A property value as JSON carries it; temporal values keep their type and precision.
    (Dispatched on the exact type: a backup encodes every value of the graph.)"""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        return [encode_value(v) for v in value]
    temporal = _TEMPORAL.get(kind)
    if temporal is not None:
        tag, method = temporal
        return {tag: getattr(value, method)()}
    raise BackupError(f"a property value of type {kind.__name__} cannot be backed up")


def decode_value(value: Any) -> Any:
    if isinstance(value, dict):
        ((kind, text),) = value.items()
        parse = {
            "$datetime": DateTime.from_iso_format,
            "$date": Date.from_iso_format,
            "$time": Time.from_iso_format,
            "$duration": Duration.from_iso_format,
        }[kind]
        return parse(text)
    if isinstance(value, list):
        return [decode_value(v) for v in value]
    return value


def encode_properties(props: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v if type(v) in _PLAIN else encode_value(v)  # most values are plain: no call
        for k, v in props.items()
    }


def decode_properties(props: dict[str, Any]) -> dict[str, Any]:
    return {k: decode_value(v) for k, v in props.items()}


# ---- keys --------------------------------------------------------------------------------


def _derive(secret: bytes, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, **_SCRYPT).derive(secret)


def _aad(kind: int, index: int) -> bytes:
    return MAGIC + struct.pack(">BI", kind, index)


# ---- writing -----------------------------------------------------------------------------


@dataclass
class Writer:
    """Writes a backup to `path` through `path.partial`, renamed only when complete; any
    failure (a full disk included) removes the partial file."""

    path: Path
    secret: bytes | None = None
    records: int = 0
    chunks: int = 0
    _buffer: list[str] = field(default_factory=list)
    _sink: IO[bytes] | None = None
    _cipher: AESGCM | None = None

    def __post_init__(self) -> None:
        if self.path.exists():
            raise BackupError(f"{self.path} exists; name a new backup file")
        self.partial = self.path.with_name(self.path.name + ".partial")
        self._compressor = zstandard.ZstdCompressor(level=3)
        header: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "compression": "zstd",
            "encryption": None,
        }
        if self.secret is not None:
            salt = os.urandom(16)
            self._cipher = AESGCM(_derive(self.secret, salt))
            nonce = os.urandom(_NONCE)
            check = nonce + self._cipher.encrypt(nonce, _KEY_CHECK, MAGIC)
            header["encryption"] = {
                "algorithm": "AES-256-GCM",
                "kdf": {"name": "scrypt", "salt": base64.b64encode(salt).decode(), **_SCRYPT},
                "key_check": base64.b64encode(check).decode(),
            }
        text = json.dumps(header, sort_keys=True).encode()
        self._guarded(lambda: private_dirs(self.path.parent))
        self._guarded(lambda: self._open(MAGIC + struct.pack(">I", len(text)) + text))

    def _open(self, head: bytes) -> None:
        self._sink = create_private(self.partial)
        self._sink.write(head)

    def _guarded(self, action: Any) -> None:
        try:
            action()
        except OSError as failed:
            self.abort()
            raise BackupError(
                f"could not write {self.path}: {failed.strerror or failed}"
            ) from failed

    def add(self, record: dict[str, Any]) -> None:
        self.add_line(json.dumps(record, separators=(",", ":"), ensure_ascii=False))

    def add_line(self, line: str) -> None:
        """Adds one record already serialised as a line of JSON (no newline in it)."""
        self._buffer.append(line)
        self.records += 1
        if len(self._buffer) >= CHUNK_RECORDS:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._frame(RECORDS, ("\n".join(self._buffer) + "\n").encode())
            self._buffer = []

    def _frame(self, kind: int, data: bytes) -> None:
        index = self.chunks
        payload = self._compressor.compress(data)
        if self._cipher is not None:
            nonce = os.urandom(_NONCE)
            payload = nonce + self._cipher.encrypt(nonce, payload, _aad(kind, index))
        head = _FRAME_HEAD.pack(kind, index, len(payload))
        digest = hashlib.sha256(head[:5] + payload).digest()
        assert self._sink is not None
        sink = self._sink
        self._guarded(lambda: sink.write(head + payload + digest))
        self.chunks += 1

    def finish(self, metadata: dict[str, Any]) -> Path:
        """Writes the metadata frame, syncs, and puts the file in place."""
        self._flush()
        self._frame(METADATA, json.dumps(metadata, sort_keys=True).encode())
        sink = self._sink
        assert sink is not None

        def close() -> None:
            sink.flush()
            os.fsync(sink.fileno())
            sink.close()
            self.partial.replace(self.path)

        self._guarded(close)
        return self.path

    def abort(self) -> None:
        if self._sink is not None and not self._sink.closed:
            self._sink.close()
        self.partial.unlink(missing_ok=True)


# ---- reading -----------------------------------------------------------------------------


@dataclass
class Frame:
    kind: int
    index: int
    offset: int
    data: bytes


class Reader:
    """Reads a backup frame by frame, checking each checksum as it goes."""

    def __init__(self, path: Path, secret: bytes | None = None) -> None:
        if not path.is_file():
            raise BackupError(f"{path}: no such file")
        self.path = path
        self.size = path.stat().st_size
        with path.open("rb") as source:
            head = source.read(len(MAGIC) + 4)
            if len(head) < len(MAGIC) + 4 or head[: len(MAGIC)] != MAGIC:
                raise BackupError(f"{path}: not a graphstore backup")
            (length,) = struct.unpack(">I", head[len(MAGIC) :])
            try:
                self.header = json.loads(source.read(length))
            except ValueError as bad:
                raise BackupError(f"{path}: its header is damaged (byte {len(head)})") from bad
        self.data_start = len(MAGIC) + 4 + length
        version = self.header.get("format_version")
        if self.header.get("format") != FORMAT or not isinstance(version, int):
            raise BackupError(f"{path}: not a graphstore backup")
        if version > FORMAT_VERSION:
            raise BackupError(
                f"{path}: backup format {version} is newer than this graphstore reads "
                f"({FORMAT_VERSION}); upgrade graphstore to restore it"
            )
        self._cipher = self._unlock(secret)
        self._decompressor = zstandard.ZstdDecompressor()

    @property
    def encrypted(self) -> bool:
        return self.header.get("encryption") is not None

    def _unlock(self, secret: bytes | None) -> AESGCM | None:
        encryption = self.header.get("encryption")
        if encryption is None:
            return None
        if secret is None:
            return None  # checksums can still be verified; reading content needs the key
        kdf = encryption["kdf"]
        key = Scrypt(
            salt=base64.b64decode(kdf["salt"]), length=32, n=kdf["n"], r=kdf["r"], p=kdf["p"]
        ).derive(secret)
        cipher = AESGCM(key)
        check = base64.b64decode(encryption["key_check"])
        try:
            cipher.decrypt(check[:_NONCE], check[_NONCE:], MAGIC)
        except InvalidTag as wrong:
            raise BackupError(f"{self.path}: wrong key for this encrypted backup") from wrong
        return cipher

    def frames(self, *, decode: bool = True) -> Iterator[Frame]:
        """Every frame in order, checksum-checked; with `decode`, its data decrypted and
        decompressed. Raises BackupError naming the frame and byte offset of any damage."""
        if decode and self.encrypted and self._cipher is None:
            raise BackupError(
                f"{self.path} is encrypted: set GRAPHSTORE_BACKUP_KEY or pass --key-file"
            )
        offset, expected, ended = self.data_start, 0, False
        with self.path.open("rb") as source:
            source.seek(offset)
            while True:
                head = source.read(_FRAME_HEAD.size)
                if not head:
                    break
                if ended:
                    raise BackupError(
                        f"{self.path}: unexpected bytes after the end, at byte {offset}"
                    )
                if len(head) < _FRAME_HEAD.size:
                    raise self._cut(offset, expected)
                kind, index, length = _FRAME_HEAD.unpack(head)
                if kind not in (RECORDS, METADATA) or index != expected or length > self.size:
                    raise BackupError(
                        f"{self.path}: frame {expected} at byte {offset} is damaged (its header "
                        "does not read)"
                    )
                payload = source.read(length)
                digest = source.read(_DIGEST)
                if len(payload) < length or len(digest) < _DIGEST:
                    raise self._cut(offset, expected)
                if hashlib.sha256(head[:5] + payload).digest() != digest:
                    raise BackupError(
                        f"{self.path}: frame {index} at byte {offset} is damaged (checksum "
                        "mismatch)"
                    )
                data = self._open_payload(kind, index, offset, payload) if decode else b""
                yield Frame(kind, index, offset, data)
                offset += _FRAME_HEAD.size + length + _DIGEST
                expected += 1
                ended = kind == METADATA
        if not ended:
            raise self._cut(offset, expected)

    def _cut(self, offset: int, frames: int) -> BackupError:
        return BackupError(
            f"{self.path}: cut short at byte {offset} after {frames} frame(s) (no metadata "
            "frame at the end)"
        )

    def _open_payload(self, kind: int, index: int, offset: int, payload: bytes) -> bytes:
        if self._cipher is not None:
            try:
                payload = self._cipher.decrypt(
                    payload[:_NONCE], payload[_NONCE:], _aad(kind, index)
                )
            except InvalidTag as forged:
                raise BackupError(
                    f"{self.path}: frame {index} at byte {offset} fails authentication"
                ) from forged
        try:
            return self._decompressor.decompress(payload)
        except zstandard.ZstdError as bad:
            raise BackupError(f"{self.path}: frame {index} at byte {offset}: {bad}") from bad

    def records(self) -> Iterator[dict[str, Any]]:
        """Every record, then the metadata as `self.metadata`."""
        for frame in self.frames():
            if frame.kind == METADATA:
                self.metadata = json.loads(frame.data)
                continue  # frames() still refuses anything after it
            # JSON escapes newlines; other line breaks may appear raw in strings.
            for line in frame.data.decode().split("\n"):
                if line:
                    yield json.loads(line)

    def read_metadata(self) -> dict[str, Any] | None:
        """The metadata frame, after checking every frame's checksum; None when it is
        encrypted and no key was given."""
        last: Frame | None = None
        for frame in self.frames(decode=False):
            last = frame
        assert last is not None
        assert last.kind == METADATA
        if self.encrypted and self._cipher is None:
            return None
        with self.path.open("rb") as source:
            source.seek(last.offset)
            length = _FRAME_HEAD.unpack(source.read(_FRAME_HEAD.size))[2]
            payload = source.read(length)
        metadata: dict[str, Any] = json.loads(
            self._open_payload(METADATA, last.index, last.offset, payload)
        )
        return metadata
