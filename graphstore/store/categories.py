"""The category tree. A category with members or subcategories needs force to delete.

The tree stays a tree under concurrent writers: a write that sets parents claims every
category on the new parents' paths to the root before it looks for a cycle. Two re-parents
that could close a loop together share a claimed node, so the later one sees the earlier
one's edge and refuses.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from graphstore.errors import ValidationError
from graphstore.store.audit import ChangeLog
from graphstore.store.claims import claim
from graphstore.store.entities import Repository, require_live
from graphstore.store.models import CategoryCreate, CategoryPublic, CategoryUpdate
from graphstore.store.scope import Runner, run, run_one
from graphstore.store.validation import error


def parent_problems(tx: Runner, rows: list[dict[str, Any]], name: str) -> list[dict[str, object]]:
    """Claims the ancestry of every parent these rows name, then checks each parent is live
    and that the rows, applied together over the stored tree, close no cycle."""
    wanted = sorted({row["parent_id"] for row in rows if row.get("parent_id")})
    ancestry = {row["id"]: row for row in run(tx, "store/category_ancestry", ids=wanted)}
    parent_of = {node: row["parent_id"] for node, row in ancestry.items()}
    batch = {row["id"] for row in rows}
    for row in rows:
        parent_of[row["id"]] = row.get("parent_id")
    problems = []
    for index, row in enumerate(rows):
        parent = row.get("parent_id")
        path = f"{name}[{index}].parent_id" if name else "parent_id"
        if not parent:
            continue
        known = ancestry.get(parent)
        if (known is None and parent not in batch) or (known is not None and known["deleted"]):
            problems.append(error(path, f"no category {parent!r}", "reference"))
            continue
        seen: set[str] = set()
        node: str | None = parent
        while node is not None and node not in seen:
            if node == row["id"]:
                problems.append(
                    error(path, f"{parent!r} is {row['id']!r} or inside it: a cycle", "cycle")
                )
                break
            seen.add(node)
            node = parent_of.get(node)
    return problems


class Categories(Repository[CategoryCreate, CategoryUpdate, CategoryPublic]):
    label = "Category"
    key = "category"
    create_model = CategoryCreate
    update_model = CategoryUpdate
    public_model = CategoryPublic
    relations = frozenset({"parent", "children", "members"})

    def _row(self, item: CategoryCreate, entity_id: str, **options: Any) -> dict[str, Any]:
        props = item.model_dump(mode="json", exclude={"id", "parent_id"})
        return {"id": entity_id, "props": props, "parent_id": item.parent_id}

    def _created_relations(self, row: dict[str, Any]) -> dict[str, Any]:
        return {"parent_id": row["parent_id"], "children": [], "member_ids": []}

    def _claim_references(self, tx: Runner, rows: list[dict[str, Any]], name: str) -> None:
        problems = parent_problems(tx, rows, name)
        if problems:
            raise ValidationError(problems)

    def _update_props(self, patch: CategoryUpdate) -> dict[str, Any]:
        return patch.model_dump(
            mode="json", exclude_unset=True, exclude={"parent_id", "detach_parent"}
        )

    def _after_upsert(self, tx: Runner, batch: list[dict[str, Any]]) -> None:
        rows = [{"id": row["id"], "parent_id": row.get("parent_id")} for row in batch]
        run(tx, "store/category_link_parents", rows=rows)

    @staticmethod
    def _new_parent(patch: CategoryUpdate) -> tuple[bool, str | None]:
        """Whether the update re-parents, and to what (None: a root)."""
        changes = patch.parent_id is not None or patch.detach_parent
        return changes, None if patch.detach_parent else patch.parent_id

    def _claim_before_update(self, tx: Runner, entity_id: str, patch: CategoryUpdate) -> None:
        changes, parent = self._new_parent(patch)
        if changes:
            self._claim_references(tx, [{"id": entity_id, "parent_id": parent}], "")

    def _after_update(
        self, tx: Runner, entity_id: str, patch: CategoryUpdate, log: ChangeLog
    ) -> None:
        changes, parent = self._new_parent(patch)
        if changes:
            run(tx, "store/category_set_parent", id=entity_id, parent_id=parent)

    def _detach(self, tx: Runner, entity_id: str, live_only: bool, now: datetime) -> list[Any]:
        row = run_one(tx, "store/category_detach", id=entity_id, live_only=live_only)
        return list((row or {}).get("detached") or [])

    def _claim_restorable(self, tx: Runner, entity_id: str, before: dict[str, Any]) -> None:
        parents = [row["id"] for row in run(tx, "store/category_parent_id", id=entity_id)]
        require_live(
            "Category",
            parents,
            claim(tx, "Category", parents),
            "SUBCATEGORY_OF",
            f"restore Category {entity_id!r} under its deleted parent",
        )

    def list(self, *, include_deleted: bool = False) -> list[CategoryPublic]:
        """Every category with its parent id, by path."""
        rows = self._context.scope.read(
            lambda tx: run(tx, "store/category_list", include_deleted=include_deleted)
        )
        return [self._public(row["props"], parent_id=row["parent_id"]) for row in rows]
