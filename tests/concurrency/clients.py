"""The same writes through the library and over HTTP, each answering with a verdict.

Verdicts: "ok"; "exists" (the id is taken); "refused" (a restrict, or an integrity rule:
409 with blockers); "invalid" (422); "missing" (404); "conflict" (409 on a version or a
race that retries could not resolve). Anything else, a 5xx above all, is an "error: ..."
verdict, which no race test accepts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

import httpx

from graphstore import GraphStore
from graphstore.errors import (
    AlreadyExistsError,
    ConflictError,
    IntegrityError,
    NotFoundError,
    ValidationError,
)

Patch = tuple[str, dict[str, Any], int | None]
"""A patch of patch_many: the entity's id, the fields to change, the version expected."""


class Client(Protocol):
    name: str

    def create(self, kind: str, body: dict[str, Any]) -> str: ...
    def update(self, kind: str, entity_id: str, body: dict[str, Any]) -> str: ...
    def update_at(self, kind: str, entity_id: str, body: dict[str, Any], version: int) -> str:
        """An update that expects `version` (If-Match over HTTP)."""
        ...

    def delete(self, kind: str, entity_id: str, *, soft: bool = False) -> str: ...
    def restore(self, kind: str, entity_id: str) -> str: ...
    def add_mount(self, loadout_id: str, equipment_id: str, location: str) -> str: ...
    def clone(self, loadout_id: str, new_id: str, unit_id: str | None = None) -> str: ...
    def replace(self, loadout_id: str, mounts: list[dict[str, Any]]) -> str: ...
    def patch_many(self, kind: str, patches: list[Patch]) -> list[str]:
        """A verdict per patch of one bulk call (POST /v1/bulk over HTTP)."""
        ...


_PATHS = {
    "unit": "/v1/units",
    "equipment": "/v1/equipment",
    "category": "/v1/categories",
    "loadout": "/v1/loadouts",
}


class Library:
    name = "library"

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def _repository(self, kind: str) -> Any:
        return {
            "unit": self.store.units,
            "equipment": self.store.equipment,
            "category": self.store.categories,
            "loadout": self.store.loadouts,
        }[kind]

    @classmethod
    def _verdict(cls, call: Callable[[], Any]) -> str:
        try:
            call()
        except Exception as error:
            return cls._of_error(error)
        return "ok"

    @staticmethod
    def _of_error(error: Exception | None) -> str:
        if error is None:
            return "ok"
        if isinstance(error, AlreadyExistsError):
            return "exists"
        if isinstance(error, ConflictError):
            return "conflict"
        if isinstance(error, IntegrityError):
            return "refused"
        if isinstance(error, ValidationError):
            return "invalid"
        if isinstance(error, NotFoundError):
            return "missing"
        return f"error: {type(error).__name__}: {error}"

    def patch_many(self, kind: str, patches: list[Patch]) -> list[str]:
        found = self._repository(kind).patch_many(
            [
                {"id": i, "changes": body, "expected_version": version}
                for i, body, version in patches
            ]
        )
        return [self._of_error(outcome.error) for outcome in found]

    def create(self, kind: str, body: dict[str, Any]) -> str:
        return self._verdict(lambda: self._repository(kind).create(body))

    def update(self, kind: str, entity_id: str, body: dict[str, Any]) -> str:
        return self._verdict(lambda: self._repository(kind).update(entity_id, body))

    def update_at(self, kind: str, entity_id: str, body: dict[str, Any], version: int) -> str:
        repository = self._repository(kind)
        return self._verdict(lambda: repository.update(entity_id, body, expected_version=version))

    def delete(self, kind: str, entity_id: str, *, soft: bool = False) -> str:
        return self._verdict(lambda: self._repository(kind).delete(entity_id, soft=soft))

    def restore(self, kind: str, entity_id: str) -> str:
        return self._verdict(lambda: self._repository(kind).restore(entity_id))

    def add_mount(self, loadout_id: str, equipment_id: str, location: str) -> str:
        mount = {"equipment_id": equipment_id, "location": location}
        return self._verdict(lambda: self.store.loadouts.add_mount(loadout_id, mount))

    def clone(self, loadout_id: str, new_id: str, unit_id: str | None = None) -> str:
        return self._verdict(
            lambda: self.store.loadouts.clone(loadout_id, new_id=new_id, unit_id=unit_id)
        )

    def replace(self, loadout_id: str, mounts: list[dict[str, Any]]) -> str:
        return self._verdict(lambda: self.store.loadouts.replace(loadout_id, {"mounts": mounts}))


class Http:
    name = "http"

    def __init__(self, url: str, *, key: str | None = None) -> None:
        self.url = url
        self._headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._local = threading.local()
        self._opened: list[httpx.Client] = []

    @property
    def _client(self) -> httpx.Client:
        """One keep-alive connection pool per racing thread."""
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = httpx.Client(
                base_url=self.url, timeout=60, headers=self._headers
            )
            self._opened.append(client)
        return client

    def _verdict(self, response: httpx.Response) -> str:
        return self._of_status(response.status_code, response.json() if response.content else {})

    @staticmethod
    def _of_status(status: int, body: dict[str, Any]) -> str:
        if 200 <= status < 300:
            return "ok"
        detail = str(body.get("detail", ""))
        if status == 409 and "already exists" in detail:
            return "exists"
        if status == 409 and "blockers" in body:
            return "refused"
        if status == 409:
            return "conflict"
        if status == 422 or (status == 404 and "errors" in body):
            # A 404 with `errors` names missing references in the body: what the library
            # reports as a ValidationError, "invalid".
            return "invalid"
        if status == 404:
            return "missing"
        return f"error: {status} {detail}"

    def create(self, kind: str, body: dict[str, Any]) -> str:
        return self._verdict(self._client.post(_PATHS[kind], json=body))

    def update(self, kind: str, entity_id: str, body: dict[str, Any]) -> str:
        return self._verdict(self._client.patch(f"{_PATHS[kind]}/{entity_id}", json=body))

    def update_at(self, kind: str, entity_id: str, body: dict[str, Any], version: int) -> str:
        path = f"{_PATHS[kind]}/{entity_id}"
        headers = {"If-Match": f'"{version}"'}
        return self._verdict(self._client.patch(path, json=body, headers=headers))

    def delete(self, kind: str, entity_id: str, *, soft: bool = False) -> str:
        params = {"soft": "true"} if soft else {}
        return self._verdict(self._client.delete(f"{_PATHS[kind]}/{entity_id}", params=params))

    def restore(self, kind: str, entity_id: str) -> str:
        return self._verdict(self._client.post(f"{_PATHS[kind]}/{entity_id}/restore"))

    def add_mount(self, loadout_id: str, equipment_id: str, location: str) -> str:
        body = {"equipment_id": equipment_id, "location": location}
        return self._verdict(self._client.post(f"/v1/loadouts/{loadout_id}/mounts", json=body))

    def clone(self, loadout_id: str, new_id: str, unit_id: str | None = None) -> str:
        body: dict[str, Any] = {"new_id": new_id}
        if unit_id is not None:
            body["unit_id"] = unit_id
        return self._verdict(self._client.post(f"/v1/loadouts/{loadout_id}/clone", json=body))

    def replace(self, loadout_id: str, mounts: list[dict[str, Any]]) -> str:
        response = self._client.put(f"/v1/loadouts/{loadout_id}", json={"mounts": mounts})
        return self._verdict(response)

    def patch_many(self, kind: str, patches: list[Patch]) -> list[str]:
        operations = [
            {"op": "patch", "kind": _PATHS[kind].rsplit("/", 1)[1], "id": i, "body": body}
            | ({"expected_version": version} if version is not None else {})
            for i, body, version in patches
        ]
        response = self._client.post("/v1/bulk", json=operations)
        if response.status_code != 200:
            return [self._verdict(response)] * len(patches)
        return [
            self._of_status(result["status"], result.get("problem") or {})
            for result in response.json()["results"]
        ]

    def close(self) -> None:
        for client in self._opened:
            client.close()
