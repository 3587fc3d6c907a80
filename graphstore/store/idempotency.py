"""Idempotent requests: the first answer to an Idempotency-Key is every retry's answer.

A client that sends a write again (its connection dropped before the answer came) names
both sends with one key. The first takes the key (a node under a unique constraint, so two
sends racing with one key collide), runs, and keeps its answer with the key; a retry gets
that answer back without running again. A key is a tenant's own, kept for KEPT_FOR; sent
again with another request (method, path, query or body) it is refused, as it is while the
first send still runs.

A request that fails without an answer (a server error, the process gone) gives its key
up when it can, so the retry runs; a process killed mid-request leaves its key taken until
it expires, and the retry answers 409 in the meantime. Atomic batches are safe to run
again after that: they wrote all or nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from graphstore.errors import ConflictError, ConstraintError, ValidationError
from graphstore.store.scope import Runner, Scope, run, run_one
from graphstore.store.validation import error

KEPT_FOR = timedelta(hours=24)
KEY_MAX = 255


def _text(moment: datetime) -> str:
    """Fixed-width UTC text: sorts as time does, so an index serves expiry as a range."""
    return f"{moment.astimezone(UTC):%Y-%m-%dT%H:%M:%S.%fZ}"


@dataclass(frozen=True)
class Replay:
    """The kept answer of an earlier send of the same request."""

    answer: Any


class IdempotentRequests:
    """The keys of one store's scope: its tenant's."""

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def scoped_key(self, key: str) -> str:
        """The key as stored: the tenant's, so two tenants never share one."""
        if not key or len(key) > KEY_MAX or not key.isprintable():
            raise ValidationError(
                [error("Idempotency-Key", f"1 to {KEY_MAX} printable characters")]
            )
        return f"{self._scope.tenancy.tenant or ''}|{key}"

    def take(self, key: str, fingerprint: str) -> Replay | None:
        """Takes `key` for a request about to run (None), or the Replay of its earlier
        send. ConflictError while another send with the key runs; ValidationError when the
        key was used for another request."""
        scoped = self.scoped_key(key)
        now = datetime.now(UTC)

        def take(tx: Runner) -> Replay | None:
            found = run_one(tx, "store/idempotency/find", key=scoped)
            if found is not None and found["expires"] < _text(now):
                run(tx, "store/idempotency/forget", key=scoped, now=_text(now))
                found = None
            if found is None:
                run(
                    tx,
                    "store/idempotency/take",
                    key=scoped,
                    fingerprint=fingerprint,
                    expires=_text(now + KEPT_FOR),
                    now=_text(now),
                )
                return None
            if found["fingerprint"] != fingerprint:
                raise ValidationError(
                    [error("Idempotency-Key", "already used for another request")]
                )
            if found["answer"] is None:
                raise _running(key)
            return Replay(json.loads(found["answer"]))

        try:
            return self._scope.write(take)
        except ConstraintError as raced:  # a send with the same key took it first
            raise _running(key) from raced

    def finish(self, key: str, answer: Any) -> None:
        """Keeps `answer` (JSON-able) as the answer to every retry with `key`."""
        scoped, text = self.scoped_key(key), json.dumps(answer)
        self._scope.write(lambda tx: run(tx, "store/idempotency/finish", key=scoped, answer=text))

    def release(self, key: str) -> None:
        """Gives `key` up after its request failed without an answer: a retry runs again."""
        scoped = self.scoped_key(key)
        self._scope.write(lambda tx: run(tx, "store/idempotency/release", key=scoped))


def _running(key: str) -> ConflictError:
    return ConflictError(
        f"a request with Idempotency-Key {key!r} is still running; retry later",
        entity_id=key,
        expected=None,
        current=None,
    )
