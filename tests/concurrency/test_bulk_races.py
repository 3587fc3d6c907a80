"""Bulk patches racing single writes of the same entities, through the library and over
HTTP: every acknowledged change stays, each entity's versions run on without a gap or a
repeat, and `graphstore check` stays clean. Rounds that really overlapped are counted."""

from __future__ import annotations

import httpx

from graphstore import GraphStore
from testkit.served_api import Server

from .clients import Client
from .conftest import Racers, Rounds, race
from .test_races import ROUNDS, assert_sound, client, unit, values

__all__ = ["client"]  # the fixture, shared with test_races

UNITS = [f"bulk-{i}" for i in range(12)]


def _versions_run_on(store: GraphStore, unit_id: str) -> int:
    """The unit's version, after asserting its stored versions are 1..version, each once."""
    version = store.units.get(unit_id).version or 0
    numbers = [v.number for v in store.units.versions(unit_id, page_size=200).items]
    assert numbers == list(range(version, 0, -1)), (unit_id, numbers)
    return version


def test_blind_bulk_and_single_writes_all_land(store: GraphStore, client: Client) -> None:
    """Two bulk patches of every unit and two single updates of two of them, none expecting
    a version: all land, so each unit's version grows by exactly the writes it took, and
    its last audit records name them."""
    rounds = Rounds(f"two bulk patches and two single updates, blind ({client.name})")
    for unit_id in UNITS:
        store.units.create(unit(unit_id))
    for n in range(ROUNDS):
        before = {u: _versions_run_on(store, u) for u in UNITS}
        outcomes = race(
            lambda: client.patch_many("unit", [(u, {"mul_id": 1_000 + n}, None) for u in UNITS]),
            lambda: client.patch_many("unit", [(u, {"role": f"r{n}"}, None) for u in UNITS]),
            lambda: client.update("unit", UNITS[0], {"battle_value": n}),
            lambda: client.update("unit", UNITS[-1], {"battle_value": n}),
        )
        rounds.record(outcomes)
        assert [o.error for o in outcomes] == [None] * 4
        assert outcomes[0].value == outcomes[1].value == ["ok"] * len(UNITS)
        assert values(outcomes[2:]) == ["ok", "ok"]
        for unit_id in UNITS:
            took = 3 if unit_id in (UNITS[0], UNITS[-1]) else 2
            assert _versions_run_on(store, unit_id) == before[unit_id] + took
            found = store.units.get(unit_id)
            assert (found.mul_id, found.role) == (1_000 + n, f"r{n}")
        assert store.units.get(UNITS[0]).battle_value == n
        assert_sound(store)
    rounds.assert_raced()


def test_bulk_and_single_writes_from_one_version_have_one_winner_each(
    store: GraphStore, client: Client
) -> None:
    """Two bulk patches of every unit and a single update of one, all expecting the version
    they read: per unit exactly one writer lands, the others are 409, and the unit holds the
    winner's value at the next version."""
    rounds = Rounds(f"bulk patches and a single update expecting one version ({client.name})")
    for unit_id in UNITS:
        store.units.create(unit(unit_id))
    for n in range(ROUNDS):
        seen = {u: _versions_run_on(store, u) for u in UNITS}
        outcomes = race(
            lambda: client.patch_many("unit", [(u, {"mul_id": 10 * n}, seen[u]) for u in UNITS]),
            lambda: client.patch_many(
                "unit", [(u, {"mul_id": 10 * n + 1}, seen[u]) for u in UNITS]
            ),
            lambda: client.update_at("unit", UNITS[5], {"mul_id": 10 * n + 2}, seen[UNITS[5]]),
        )
        rounds.record(outcomes)
        assert [o.error for o in outcomes] == [None] * 3
        for place, unit_id in enumerate(UNITS):
            verdicts = [outcomes[0].value[place], outcomes[1].value[place]]
            if unit_id == UNITS[5]:
                verdicts.append(outcomes[2].value)
            assert sorted(verdicts) == ["conflict"] * (len(verdicts) - 1) + ["ok"], verdicts
            winner = verdicts.index("ok")
            assert _versions_run_on(store, unit_id) == seen[unit_id] + 1
            assert store.units.get(unit_id).mul_id == 10 * n + winner
        assert_sound(store)
    rounds.assert_raced()


def test_sends_racing_with_one_idempotency_key_write_once(store: GraphStore) -> None:
    """Three sends of one bulk request with one key, at once: one runs, each other answers
    409 (still running) or the first's answer, and the write happened once."""
    rounds = Rounds("three sends of one request with one Idempotency-Key")
    for unit_id in UNITS[:2]:
        store.units.create(unit(unit_id))
    for n in range(ROUNDS):
        before = store.units.get(UNITS[0]).version or 0
        key = f"race-{n}"

        def send(key: str = key) -> str:
            return (store.idempotency.take(key, "same request") and "replay") or "ran"

        outcomes = race(send, send, send)
        rounds.record(outcomes)
        ran = [o for o in outcomes if o.ok and o.value == "ran"]
        assert len(ran) == 1, outcomes
        assert all(type(o.error).__name__ == "ConflictError" for o in outcomes if not o.ok)
        store.units.patch_many([{"id": UNITS[0], "changes": {"mul_id": n}}])
        store.idempotency.finish(key, {"done": n})
        replay = store.idempotency.take(key, "same request")
        assert replay is not None
        assert replay.answer == {"done": n}
        assert store.units.get(UNITS[0]).version == before + 1
    rounds.assert_raced()


def test_http_sends_racing_with_one_idempotency_key_write_once(
    store: GraphStore, racers: Racers, api: Server
) -> None:
    """The same over HTTP: three sends of one POST /v1/bulk with one key; one runs, the
    others answer 409 or replay its answer, and each unit took one version."""
    rounds = Rounds("three HTTP sends of one bulk request with one Idempotency-Key")
    for unit_id in UNITS:
        store.units.create(unit(unit_id))
    headers = {"Authorization": f"Bearer {racers.key}"} if racers.key else {}
    with httpx.Client(base_url=api.url, timeout=60, headers=headers) as http:
        for n in range(ROUNDS):
            before = {u: store.units.get(u).version or 0 for u in UNITS}
            body = [{"op": "patch", "kind": "units", "id": u, "body": {"mul_id": n}} for u in UNITS]
            key = {"Idempotency-Key": f"http-race-{n}"}

            def send() -> tuple[int, bool]:
                response = http.post("/v1/bulk", json=body, headers=key)
                return response.status_code, "Idempotent-Replayed" in response.headers

            outcomes = race(send, send, send)
            rounds.record(outcomes)
            answers = sorted(o.value for o in outcomes)
            ran = [a for a in answers if a == (200, False)]
            assert len(ran) == 1, answers
            assert all(a in ((409, False), (200, True)) for a in answers if a != (200, False))
            for unit_id in UNITS:
                assert store.units.get(unit_id).version == before[unit_id] + 1
            replay = http.post("/v1/bulk", json=body, headers=key)
            assert replay.headers["Idempotent-Replayed"] == "true"
    assert_sound(store)
    rounds.assert_raced()
