"""What `graphstore check` verifies of history: every entity's hash chain, page by page."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from graphstore.store.convert import plain
from graphstore.store.history.catch_up import entity_pages
from graphstore.store.history.content import content_of
from graphstore.store.history.reads import check_chain
from graphstore.store.history.record import head_of
from graphstore.store.scope import Runner, Scope, run


def history_findings(scope: Scope) -> Iterator[dict[str, Any]]:
    """`history_chain` (an error) for each broken chain, with what is wrong;
    `history_head` (an error) for an entity whose head is not its newest stored version;
    `history_stale` (a warning) for one changed since its newest version (a write that
    bypassed the store); `history_missing` (a warning) for one with no recorded version."""
    for label, ids in entity_pages(scope):
        yield from scope.read(partial(_check_page, label=label, ids=ids))


def _check_page(tx: Runner, *, label: str, ids: list[str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for row in run(tx, "history/maintenance/chains", label=label, ids=ids):
        row = plain(row)
        if not row["versions"]:
            found.append(
                {
                    "kind": "history_missing",
                    "severity": "warning",
                    "label": label,
                    "id": row["id"],
                    "detail": "no recorded version: `graphstore history catch-up` records one",
                }
            )
            continue
        report = check_chain(label, row["id"], row)
        found += [
            {
                "kind": "history_chain",
                "severity": "error",
                "label": label,
                "id": row["id"],
                "detail": problem,
            }
            for problem in report.problems
        ]
    for row in run(tx, f"history/{label.lower()}_heads_scan", ids=ids, label=label):
        found += _head_findings(label, row)
    return found


def _head_findings(label: str, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The entity's own head against its newest stored version and its current content."""
    props = plain(row["props"])
    head, newest = head_of(props), row["head"]
    if newest is None:
        return []
    finding = {"label": label, "id": row["id"]}
    if head is None or head.hash != newest["hash"]:
        detail = f"its head is not its newest stored version ({newest['number']})"
        return [{**finding, "kind": "history_head", "severity": "error", "detail": detail}]
    if content_of(label, props, plain(row["parts"])) != head.content:
        detail = (
            f"changed since version {head.number} without a new version (a write that "
            "bypassed the store): `graphstore history catch-up` records it"
        )
        return [{**finding, "kind": "history_stale", "severity": "warning", "detail": detail}]
    return []


__all__ = ["history_findings"]
