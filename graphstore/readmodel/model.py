"""The read model: a SQLite copy of what lists, search and statistics read, kept beside the
graph, which stays the one source of truth (docs/read-model.md).

A read model is a file (ReadModelSettings: under GRAPHSTORE_HOME by default), shared by every
process on the machine that serves the same graph. It follows the graph's write log: every
write records audit Changes (graphstore.store.audit), each with a `log_key` that sorts as
time does. Before it answers, a read model reads the Changes past the last one it applied
(one index range read; nothing when nothing changed) and copies again, from the graph, the
units, loadouts and items they name. So a write a client saw acknowledged is in the answer
to any read that starts after it, in any process (read-your-writes, with no staleness
bound to wait out).

Log order is the order in which writes *recorded* their Changes, just before commit, so a
write may commit a little after a later one: each catch-up reads again the last
`overlap_s` of the log and skips what it applied already. A write that took longer than
that between recording and commit would be missed; `graphstore check` reports such drift
and `graphstore read-model rebuild` mends it.

It rebuilds from the graph, whole, when it does not know the graph (a new file, another
layout), when the graph is not the one it copied (the graph's epoch node, which a wipe or a
restore removes, differs), when a migration ran since, or when the log to catch up on is
longer than a rebuild would read.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from graphstore.errors import ConstraintError
from graphstore.graph import Graph, Runner, run_named
from graphstore.readmodel import schema, verdicts
from graphstore.readmodel.verdicts import stale_verdicts
from graphstore.readmodel.words import words
from graphstore.settings import ReadModelSettings
from graphstore.values import plain

log = logging.getLogger("graphstore.readmodel")

CATCH_UP_BATCH = 2_000
"""Changes read per round trip while catching up."""
MAX_KNOWN = 5_000
"""Changes of the overlap window passed back to the graph as "applied already"; a window
holding more (a bulk write) is cheaper to rebuild than to send."""


@dataclass(frozen=True)
class Freshness:
    """What a refresh did."""

    rebuilt: bool = False
    applied: int = 0
    """Changes applied."""
    seconds: float = 0.0


def _key_time(key: str) -> datetime:
    stamp = key.split("|", 1)[0]
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _time_key(at: datetime) -> str:
    return f"{at:%Y-%m-%dT%H:%M:%S.%fZ}"


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _log_since(
    tx: Runner, *, since: str, known: list[str]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Which graph this is, and the log past `since`: one read transaction."""
    found = run_named(tx, "readmodel/epoch")[0]
    changes = run_named(
        tx, "readmodel/changes_since", since=since, known=known, limit=CATCH_UP_BATCH
    )
    return found, changes


def unit_row(unit_id: str, pairs: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """A unit as the read model keeps it, from its [key, value] property pairs."""
    props = {str(k): plain(v) for k, v in pairs}
    row = {name: props.get(name) for name in schema.FILTER_COLUMNS}
    return {
        "id": unit_id,
        "tenant": props.get("tenant"),
        "deleted": props.get("deleted_at") is not None,
        **row,
        "properties": json.dumps(props, default=_json_value, sort_keys=True),
        "words": words(props.get("name")),
    }


class ReadModel:
    """One graph's read model file, for this process (see the module)."""

    def __init__(self, graph: Graph, path: Path, settings: ReadModelSettings) -> None:
        self.graph = graph
        self.path = path
        self.settings = settings
        self._local = threading.local()
        self._lock = threading.Lock()
        self._fresh_from = 0.0  # monotonic time at which the last finished refresh began
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db().executescript(schema.TABLES)  # each statement commits on its own

    # ---- connections ---------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(
                self.path,
                timeout=self.settings.lock_timeout_s,
                isolation_level=None,  # transactions are begun here, explicitly
                check_same_thread=False,
            )
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            # Reads are the point: the narrow tables of 100,000 units stay in memory.
            db.execute(f"PRAGMA cache_size=-{self.settings.cache_mb * 1024}")
            db.execute(f"PRAGMA mmap_size={self.settings.cache_mb * 2**20}")
            self._local.db = db
        return db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, holding the file's one write lock (across processes) from
        its start: what is read from the graph inside is applied before any other process
        can apply anything (an older copy never lands after a newer one)."""
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: one snapshot for every statement inside."""
        db = self._db()
        db.execute("BEGIN")
        try:
            yield db
        finally:
            db.execute("COMMIT")

    def close(self) -> None:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # ---- state ---------------------------------------------------------------------------

    def state(self) -> dict[str, str | None]:
        """What it copies and how far into the log it has read (format, epoch, migrations,
        watermark, rebuilt_at)."""
        with self.reading() as db:
            return self._state(db)

    def counts(self) -> dict[str, int]:
        """Rows per kind: units, loadouts, items."""
        with self.reading() as db:
            return {
                table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
                for table in ("units", "loadouts", "items")
            }

    @staticmethod
    def _state(db: sqlite3.Connection) -> dict[str, str | None]:
        return {name: value for name, value in db.execute("SELECT name, value FROM state")}

    @staticmethod
    def _set_state(db: sqlite3.Connection, **values: object) -> None:
        db.executemany(
            "INSERT INTO state (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [(name, None if value is None else str(value)) for name, value in values.items()],
        )

    # ---- verdicts ------------------------------------------------------------------------

    def log_position(self) -> str:
        """Where a validation that starts now began, for store_verdicts: the log position
        read so far, less the overlap (a write recorded before it may commit after)."""
        watermark = self.state().get("watermark")
        if not watermark:
            return ""
        return _time_key(_key_time(watermark) - timedelta(seconds=self.settings.overlap_s))

    def live_loadouts(self, tenant: str | None, filters: dict[str, Any]) -> list[str]:
        with self.reading() as db:
            return verdicts.live_loadouts(db, tenant, filters)

    def stored_verdicts(self, loadout_ids: Sequence[str], rules: str) -> dict[str, tuple[str, str]]:
        with self.reading() as db:
            return verdicts.stored(db, loadout_ids, rules)

    def stored_verdict(self, loadout_id: str, tenant: str | None, rules: str) -> str | None:
        """One live loadout's stored verdict (result JSON) if the scope sees it; refresh
        first for the log's latest writes to have marked it stale."""
        with self.reading() as db:
            return verdicts.stored_if_live(db, loadout_id, tenant, rules)

    def forget_verdicts(self) -> None:
        """Drops every stored verdict: the next batch validation validates everything."""
        with self._write() as db:
            db.execute("DELETE FROM verdicts")

    def store_verdicts(
        self, results: Iterable[tuple[str, str, str]], rules: str, since: str
    ) -> int:
        with self._write() as db:
            return verdicts.store(db, results, rules, since)

    # ---- refresh -------------------------------------------------------------------------

    def refresh(self) -> Freshness:
        """Brings the copy up to the graph (see the module). Refreshes asked for at once are
        served by one: a refresh that began after this call did holds all this call needs."""
        arrived = time.monotonic()
        with self._lock:
            if self._fresh_from > arrived:
                return Freshness()
            began = time.monotonic()
            done = self._refresh()
            self._fresh_from = began
            return done

    def _refresh(self) -> Freshness:
        started = time.perf_counter()
        applied = 0
        with self._write() as db:
            state = self._state(db)
            while True:
                if state.get("format") != str(schema.FORMAT) or not state.get("watermark"):
                    return self._rebuild_in(db, started)
                watermark = str(state["watermark"])
                since = _time_key(_key_time(watermark) - timedelta(seconds=self.settings.overlap_s))
                known = [row[0] for row in db.execute(
                    "SELECT id FROM applied WHERE log_key > ?", (since,)
                )]  # fmt: skip
                if len(known) > MAX_KNOWN:
                    return self._rebuild_in(db, started)
                found, changes = self.graph.read_transaction(
                    partial(_log_since, since=since, known=known)
                )
                if (str(found["epoch"]), str(found["migrations"])) != (
                    str(state.get("epoch")),
                    str(state.get("migrations")),
                ):
                    return self._rebuild_in(db, started)
                if not changes:
                    break
                self._apply(db, changes, since)
                applied += len(changes)
                state = self._state(db)
                if len(changes) < CATCH_UP_BATCH:
                    break
        return Freshness(applied=applied, seconds=time.perf_counter() - started)

    def rebuild(self) -> Freshness:
        """Copies the graph again, whole (`graphstore read-model rebuild`)."""
        with self._lock:
            began = time.monotonic()
            with self._write() as db:
                done = self._rebuild_in(db, time.perf_counter())
            self._fresh_from = began
            return done

    def _rebuild_in(self, db: sqlite3.Connection, started: float) -> Freshness:
        epoch = self._epoch()
        # Changes recorded from here on (less the overlap) are read again by the next
        # catch-up: what the copy below misses, a later write's re-read brings.
        watermark = _time_key(datetime.now(UTC))
        found = self.graph.read("readmodel/epoch")[0]
        units = self.graph.read("readmodel/export_units")
        loadouts = self.graph.read("readmodel/export_loadouts")
        items = self.graph.read("readmodel/export_items")
        for table in schema.DATA_TABLES:
            db.execute(f"DELETE FROM {table}")  # noqa: S608 (a constant table name)
        self._put_units(db, (unit_row(r["id"], r["props"]) for r in units))
        self._put_loadouts(db, loadouts)
        self._derive_unit_items(db, None)
        self._put_items(db, items)
        self._set_state(
            db,
            format=schema.FORMAT,
            epoch=epoch,
            migrations=found["migrations"],
            watermark=watermark,
            rebuilt_at=_time_key(datetime.now(UTC)),
        )
        db.execute("ANALYZE")
        seconds = time.perf_counter() - started
        log.info(
            "read model rebuilt: %d units, %d loadouts in %.1f s",
            len(units),
            len(loadouts),
            seconds,
        )
        return Freshness(rebuilt=True, seconds=seconds)

    def _epoch(self) -> str:
        """The graph's epoch, made here when it has none."""
        found = self.graph.read("readmodel/epoch")[0]["epoch"]
        if found is not None:
            return str(found)
        try:
            made = self.graph.write(
                "readmodel/epoch_create", epoch=secrets.token_hex(8), now=datetime.now(UTC)
            )
            return str(made[0]["epoch"])
        except ConstraintError:  # another process named it first
            return str(self.graph.read("readmodel/epoch")[0]["epoch"])

    def _apply(self, db: sqlite3.Connection, changes: list[dict[str, Any]], since: str) -> None:
        """Copies again what these Changes name, and records them as applied."""
        named: dict[str, set[str]] = {"Unit": set(), "Loadout": set(), "Equipment": set()}
        for change in changes:
            if change["label"] in named:
                named[change["label"]].add(change["entity_id"])
        if named["Unit"]:
            ids = sorted(named["Unit"])
            rows = self.graph.read("readmodel/units_by_ids", ids=ids)
            self._delete(db, "units", ids)
            self._delete(db, "unit_properties", ids)
            self._delete_words(db, ids)
            self._put_units(db, (unit_row(r["id"], r["props"]) for r in rows))
        stale_verdicts(db, named, categories=any(c["label"] == "Category" for c in changes))
        if named["Loadout"]:
            ids = sorted(named["Loadout"])
            rows = self.graph.read("readmodel/loadouts_by_ids", ids=ids)
            owners = {row["unit_id"] for row in rows}
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                owners.update(
                    row[0]
                    for row in db.execute(
                        f"SELECT unit_id FROM loadouts WHERE id IN ({marks})",  # noqa: S608
                        chunk,
                    )
                )
            self._delete(db, "loadouts", ids)
            db.executemany("DELETE FROM loadout_items WHERE loadout_id = ?", [(i,) for i in ids])
            self._put_loadouts(db, rows)
            self._derive_unit_items(db, sorted(owners))
        if named["Equipment"]:
            ids = sorted(named["Equipment"])
            rows = self.graph.read("readmodel/items_by_ids", ids=ids)
            self._delete(db, "items", ids)
            self._put_items(db, rows)
        db.executemany(
            "INSERT OR IGNORE INTO applied (id, log_key, label, entity_id) VALUES (?, ?, ?, ?)",
            [(c["id"], c["log_key"], c["label"], c["entity_id"]) for c in changes],
        )
        db.execute("DELETE FROM applied WHERE log_key <= ?", (since,))
        newest = max(c["log_key"] for c in changes)
        current = self._state(db).get("watermark") or ""
        self._set_state(db, watermark=max(newest, current))

    # ---- writing rows --------------------------------------------------------------------

    @staticmethod
    def _delete(db: sqlite3.Connection, table: str, ids: Iterable[str]) -> None:
        db.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in ids])  # noqa: S608

    @staticmethod
    def _delete_words(db: sqlite3.Connection, ids: Iterable[str]) -> None:
        db.executemany("DELETE FROM unit_words WHERE unit_id = ?", [(i,) for i in ids])

    @staticmethod
    def _put_units(db: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> None:
        columns = ("id", "tenant", "deleted", *schema.FILTER_COLUMNS)
        marks = ", ".join("?" for _ in columns)
        units, properties, unit_words = [], [], []
        for row in rows:
            units.append(tuple(row[c] for c in columns))
            properties.append((row["id"], row["properties"]))
            unit_words += [(word, row["id"]) for word in row["words"]]
        db.executemany(
            "INSERT OR REPLACE INTO unit_properties (id, properties) VALUES (?, ?)", properties
        )
        db.executemany(
            f"INSERT OR REPLACE INTO units ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
            units,
        )
        db.executemany("INSERT OR IGNORE INTO unit_words (word, unit_id) VALUES (?, ?)", unit_words)

    @staticmethod
    def _put_loadouts(db: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> None:
        loadouts, items = [], []
        for row in rows:
            loadouts.append(
                (row["id"], row["unit_id"], bool(row["live"]), row["tenant"], bool(row["is_stock"]))
            )
            items += [(item, row["id"]) for item in set(row["items"])]
        db.executemany(
            "INSERT OR REPLACE INTO loadouts (id, unit_id, live, tenant, is_stock) "
            "VALUES (?, ?, ?, ?, ?)",
            loadouts,
        )
        db.executemany(
            "INSERT OR IGNORE INTO loadout_items (equipment_id, loadout_id) VALUES (?, ?)", items
        )

    @staticmethod
    def _derive_unit_items(db: sqlite3.Connection, unit_ids: list[str] | None) -> None:
        """unit_items again, for these units (None: every unit), from their live loadouts."""
        derive = (
            "INSERT OR IGNORE INTO unit_items (equipment_id, unit_id) "
            "SELECT i.equipment_id, l.unit_id FROM loadout_items i "
            "JOIN loadouts l ON l.id = i.loadout_id WHERE l.live = 1"
        )
        if unit_ids is None:
            db.execute(derive)
            return
        db.executemany("DELETE FROM unit_items WHERE unit_id = ?", [(u,) for u in unit_ids])
        db.executemany(derive + " AND l.unit_id = ?", [(u,) for u in unit_ids])

    @staticmethod
    def _put_items(db: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO items (id, deleted) VALUES (?, ?)",
            [(row["id"], bool(row["deleted"])) for row in rows],
        )
