"""The category tree. A category with members or subcategories needs force to delete."""

from __future__ import annotations

from typing import Any

from graphstore.errors import ValidationError
from graphstore.store.audit import ChangeLog
from graphstore.store.entities import Repository
from graphstore.store.models import CategoryCreate, CategoryPublic, CategoryUpdate
from graphstore.store.scope import Runner, run
from graphstore.store.validation import error


class Categories(Repository[CategoryCreate, CategoryUpdate, CategoryPublic]):
    label = "Category"
    key = "category"
    create_model = CategoryCreate
    update_model = CategoryUpdate
    public_model = CategoryPublic
    relations = frozenset({"parent", "children", "members"})

    def _row(self, item: CategoryCreate, entity_id: str) -> dict[str, Any]:
        props = item.model_dump(mode="json", exclude={"id", "parent_id"})
        return {"id": entity_id, "props": props, "parent_id": item.parent_id}

    def _check_references(self, tx: Runner, rows: list[dict[str, Any]], name: str) -> None:
        batch_ids = {row["id"] for row in rows}
        parents = {row["parent_id"] for row in rows if row.get("parent_id")}
        found = {r["id"] for r in run(tx, "store/category_existing", ids=sorted(parents))}
        problems = []
        for index, row in enumerate(rows):
            parent = row.get("parent_id")
            path = f"{name}[{index}].parent_id" if name else "parent_id"
            if parent == row["id"]:
                problems.append(error(path, "a category cannot be its own parent", "cycle"))
            elif parent and parent not in found and parent not in batch_ids:
                problems.append(error(path, f"no category {parent!r}", "reference"))
        if problems:
            raise ValidationError(problems)

    def _update_props(self, patch: CategoryUpdate, before: dict[str, Any]) -> dict[str, Any]:
        return patch.model_dump(
            mode="json", exclude_unset=True, exclude={"parent_id", "detach_parent"}
        )

    def _after_update(
        self, tx: Runner, entity_id: str, patch: CategoryUpdate, log: ChangeLog
    ) -> None:
        if patch.parent_id is None and not patch.detach_parent:
            return
        parent = None if patch.detach_parent else patch.parent_id
        if parent is not None:
            self._check_references(tx, [{"id": entity_id, "parent_id": parent}], "")
            cycle = run(tx, "store/category_is_descendant", id=parent, ancestor_id=entity_id)
            if cycle:
                raise ValidationError(
                    [error("parent_id", f"{parent!r} is inside {entity_id!r}", "cycle")]
                )
        run(tx, "store/category_set_parent", id=entity_id, parent_id=parent)

    def list(self, *, include_deleted: bool = False) -> list[CategoryPublic]:
        """Every category with its parent id, by path."""
        rows = self._context.scope.read(
            lambda tx: run(tx, "store/category_list", include_deleted=include_deleted)
        )
        return [self._public(row["props"], parent_id=row["parent_id"]) for row in rows]
