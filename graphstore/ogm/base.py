"""Read-only neomodel foundations: writes are refused, soft-deleted nodes are hidden.

Why read-only (option (a) of the OGM design): the store owns every invariant (version
bumps, the audit trail, cascade/restrict rules, validation, soft delete). Re-implementing
them as neomodel hooks would duplicate that logic in a second place that can drift, and
neomodel's `connect()`/`disconnect()` write single edges with no way to check a loadout's
owner or record a Change. So the OGM navigates; the store writes.
"""

from __future__ import annotations

from typing import Any, NoReturn

from neomodel import StructuredNode, StructuredRel, ZeroOrMore
from neomodel.properties import Property
from neomodel.sync_.match import NodeSet, Traversal

from graphstore.errors import OGMReadOnlyError


def refuse(what: str, instead: str) -> NoReturn:
    raise OGMReadOnlyError(
        f"{what} through the OGM is refused: it would skip the store's version, audit and "
        f"integrity rules. Use {instead} instead."
    )


class AnyProperty(Property[Any]):
    """A value stored as the database holds it (e.g. damage: a number or a text like '2/hit')."""

    def inflate(self, value: Any, obj: Any = None) -> Any:
        return value

    def deflate(self, value: Any, obj: Any = None) -> Any:
        return value


def _uid_keys(filters: dict[str, Any]) -> dict[str, Any]:
    """`id` and `id__in`... name the `uid` attribute (stored as `id`) neomodel allows."""
    return {
        ("uid" + key[2:] if key.split("__")[0] == "id" else key): v for key, v in filters.items()
    }


class IdNodeSet(NodeSet[Any]):
    """A NodeSet that accepts `id=` wherever neomodel wants the attribute name `uid=`."""

    def filter(self, *args: Any, **kwargs: Any) -> Any:
        return super().filter(*args, **_uid_keys(kwargs))

    def exclude(self, *args: Any, **kwargs: Any) -> Any:
        return super().exclude(*args, **_uid_keys(kwargs))

    def get(self, lazy: bool = False, **kwargs: Any) -> Any:
        return super().get(lazy=lazy, **_uid_keys(kwargs))

    def get_or_none(self, **kwargs: Any) -> Any:
        return super().get_or_none(**_uid_keys(kwargs))


class LiveNodes:
    """`Model.nodes`: every node of the class that is not soft-deleted."""

    def __get__(self, instance: object, owner: type[StructuredNode]) -> Any:
        return IdNodeSet(owner).filter(deleted_at__isnull=True)


class AllNodes:
    """`Model.all_nodes`: soft-deleted nodes included, like the store's include_deleted=True."""

    def __get__(self, instance: object, owner: type[StructuredNode]) -> Any:
        return IdNodeSet(owner)


class ReadOnlyRelationships(ZeroOrMore):
    """A relationship manager that traverses to live nodes and refuses to change edges."""

    def _new_traversal(self) -> Any:
        # Every proxy (all, filter, get, order_by...) starts here, so one filter hides
        # soft-deleted targets everywhere.
        target = self.definition["node_class"]
        traversal = Traversal(self.source, self.name, self.definition)
        if "deleted_at" in target.defined_properties(aliases=False, rels=False):
            return IdNodeSet(traversal).filter(deleted_at__isnull=True)
        return IdNodeSet(traversal)

    def all(self) -> list[Any]:
        return list(self._new_traversal().all())

    def get(self, **kwargs: Any) -> Any:
        return self._new_traversal().get(**kwargs)

    def get_or_none(self, **kwargs: Any) -> Any:
        return self._new_traversal().get_or_none(**kwargs)

    def filter(self, *args: Any, **kwargs: Any) -> Any:
        return self._new_traversal().filter(*args, **kwargs)

    def exclude(self, *args: Any, **kwargs: Any) -> Any:
        return self._new_traversal().exclude(*args, **kwargs)

    def __iter__(self) -> Any:
        return iter(self.all())

    def __len__(self) -> int:
        return len(self.all())

    def connect(self, *_: Any, **__: Any) -> NoReturn:
        refuse(f"connecting {self.definition['relation_type']}", "the GraphStore API")

    def disconnect(self, *_: Any, **__: Any) -> NoReturn:
        refuse(f"disconnecting {self.definition['relation_type']}", "the GraphStore API")

    def disconnect_all(self) -> NoReturn:
        refuse(f"disconnecting {self.definition['relation_type']}", "the GraphStore API")

    def reconnect(self, *_: Any, **__: Any) -> NoReturn:
        refuse(f"reconnecting {self.definition['relation_type']}", "the GraphStore API")

    def replace(self, *_: Any, **__: Any) -> NoReturn:
        refuse(f"replacing {self.definition['relation_type']}", "the GraphStore API")


class ReadOnlyNode(StructuredNode):
    """Base of every OGM node class. `store_api` names the store call that writes it."""

    __abstract_node__ = True
    store_api = "GraphStore"

    nodes = LiveNodes()
    all_nodes = AllNodes()

    def save(self, *_: Any, **__: Any) -> NoReturn:
        refuse(f"saving {type(self).__name__}", f"{self.store_api}.create() / .update()")

    def delete(self, *_: Any, **__: Any) -> NoReturn:
        refuse(f"deleting {type(self).__name__}", f"{self.store_api}.delete()")

    @classmethod
    def create(cls, *_: Any, **__: Any) -> NoReturn:
        refuse(f"creating {cls.__name__}", f"{cls.store_api}.create()")

    @classmethod
    def get_or_create(cls, *_: Any, **__: Any) -> NoReturn:
        refuse(f"creating {cls.__name__}", f"{cls.store_api}.create()")

    @classmethod
    def create_or_update(cls, *_: Any, **__: Any) -> NoReturn:
        refuse(f"writing {cls.__name__}", f"{cls.store_api}.create() / .update()")

    @classmethod
    def merge(cls, *_: Any, **__: Any) -> NoReturn:
        refuse(f"merging {cls.__name__}", f"{cls.store_api}.create()")


class ReadOnlyRel(StructuredRel):
    def save(self, *_: Any, **__: Any) -> NoReturn:
        refuse(f"saving a {type(self).__name__} relationship", "the GraphStore API")
