"""Version history over HTTP: the README's worked example (edit, diff, restore, branch,
merge with a conflict), and every bad input as its problem."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from fastapi.testclient import TestClient

LOADOUT = "/v1/loadouts/history-trunk"


def _setup(client: TestClient) -> None:
    client.delete(LOADOUT)
    client.delete("/v1/loadouts/history-branch")
    created = client.post(
        "/v1/loadouts",
        json={
            "id": "history-trunk",
            "unit_id": "atlas-as7-d-ian",
            "name": "Trunk",
            "mounts": [
                {"mount_id": "ac", "equipment_id": "ac-20", "location": "RIGHT_TORSO"},
                {"mount_id": "ml", "equipment_id": "medium-laser", "location": "LEFT_ARM"},
            ],
        },
    )
    assert created.status_code == 201, created.text


def test_edit_diff_restore_branch_and_merge(client: TestClient) -> None:
    _setup(client)
    created_at = datetime.now(UTC)
    time.sleep(0.01)
    # edit: a note, a move and a quantity change, with a change note
    patched = client.patch(LOADOUT, json={"notes": "v2", "change_note": "first refit"})
    assert patched.json()["version"] == 2
    replaced = client.put(
        LOADOUT,
        json={
            "mounts": [
                {"mount_id": "ac", "equipment_id": "ac-20", "location": "LEFT_TORSO"},
                {
                    "mount_id": "ml",
                    "equipment_id": "medium-laser",
                    "location": "LEFT_ARM",
                    "quantity": 2,
                },
            ]
        },
        headers={"X-Change-Note": "moved the gun"},
    )
    assert replaced.status_code == 200, replaced.text

    listed = client.get(f"{LOADOUT}/versions").json()
    assert [v["number"] for v in listed["items"]] == [3, 2, 1]
    assert [v.get("note") for v in listed["items"]] == ["moved the gun", "first refit", None]
    assert {v["source"] for v in listed["items"]} == {"api"}
    assert "content" not in listed["items"][0]

    one = client.get(f"{LOADOUT}/versions/2").json()
    assert one["content"]["properties"]["notes"] == "v2"
    assert [m["location"] for m in one["content"]["mounts"]] == ["RIGHT_TORSO", "LEFT_ARM"]

    then = client.get(LOADOUT, params={"as_of": created_at.isoformat()})
    assert then.status_code == 200, then.text
    assert then.json()["version"] == 1
    assert "notes" not in then.json()

    diff = client.get(f"{LOADOUT}/diff", params={"from": 1, "to": 3}).json()
    assert diff["properties"] == [{"name": "notes", "old": None, "new": "v2"}]
    assert [m["before"]["location"] for m in diff["mounts"]["moved"]] == ["RIGHT_TORSO"]
    assert [m["after"]["quantity"] for m in diff["mounts"]["requantified"]] == [2]

    restored = client.post(f"{LOADOUT}/restore", json={"version": 1})
    assert restored.status_code == 200, restored.text
    assert restored.json()["version"] == 4
    assert restored.json()["restored_version"] == 1
    assert client.get(LOADOUT).json().get("notes") is None

    branched = client.post(
        f"{LOADOUT}/branch", json={"new_id": "history-branch", "from_version": 2}
    )
    assert branched.status_code == 201, branched.text
    assert client.get("/v1/loadouts/history-branch/versions").json()["items"][0]["parents"] == [
        "Loadout:history-trunk#2"
    ]
    client.patch("/v1/loadouts/history-branch", json={"notes": "branch"})
    client.patch(LOADOUT, json={"notes": "trunk"})

    preview = client.get(f"{LOADOUT}/merge-preview", params={"from": "history-branch"}).json()
    assert preview["written"] is False
    assert preview["conflicts"] == [
        {"kind": "property", "key": "notes", "base": "v2", "ours": "trunk", "theirs": "branch"}
    ]
    refused = client.post(f"{LOADOUT}/merge", json={"from": "history-branch"})
    assert refused.status_code == 409
    assert refused.json()["conflicts"][0]["key"] == "notes"
    assert client.get(LOADOUT).json()["version"] == 5  # nothing written

    merged = client.post(f"{LOADOUT}/merge", json={"from": "history-branch", "strategy": "theirs"})
    assert merged.status_code == 200, merged.text
    assert merged.json()["version"] == 6
    assert client.get(LOADOUT).json()["notes"] == "branch"
    parents = client.get(f"{LOADOUT}/versions/6").json()["parents"]
    assert parents == ["Loadout:history-trunk#5", "Loadout:history-branch#2"]

    mounted = client.get("/v1/equipment/ac-20/mounted-in").json()
    assert {"loadout_id": "history-trunk", "version": 6} in [
        {k: m[k] for k in ("loadout_id", "version")} for m in mounted
    ]


def test_unit_history_routes(client: TestClient) -> None:
    before = client.get("/v1/units/atlas-as7-d-ian").json()["version"]
    client.patch("/v1/units/atlas-as7-d-ian", json={"role": "Brawler"})
    diff = client.get(
        "/v1/units/atlas-as7-d-ian/diff", params={"from": before, "to": before + 1}
    ).json()
    assert [c["name"] for c in diff["properties"]] == ["role"]
    assert diff["locations"] == {"added": [], "removed": [], "changed": []}
    restored = client.post("/v1/units/atlas-as7-d-ian/restore", json={"version": before})
    assert restored.status_code == 200, restored.text
    assert client.get("/v1/units/atlas-as7-d-ian").json().get("role") != "Brawler"


def test_bad_history_input_is_a_clear_problem(client: TestClient) -> None:
    _setup(client)
    assert client.get(f"{LOADOUT}/versions/99").status_code == 404
    assert "no version 99" in client.get(f"{LOADOUT}/versions/99").json()["detail"]
    assert client.get(f"{LOADOUT}/versions/0").status_code == 422
    assert client.get(LOADOUT, params={"as_of": "2001-01-01T00:00:00Z"}).status_code == 404
    assert client.get(LOADOUT, params={"as_of": "last tuesday"}).status_code == 422
    assert client.get(LOADOUT, params={"as_of": "2026-11-20T10:00:00"}).status_code == 422
    assert client.get(f"{LOADOUT}/diff", params={"from": 1}).status_code == 422
    assert client.get(f"{LOADOUT}/diff", params={"from": 1, "to": 7}).status_code == 404
    assert client.get("/v1/loadouts/nope/versions").status_code == 404
    assert client.post(f"{LOADOUT}/restore", json={"version": 42}).status_code == 404
    unrelated = client.post(f"{LOADOUT}/merge", json={"from": "atlas-as7-d-ian.stock"})
    assert unrelated.status_code == 422
    assert "share no history" in unrelated.text
    mine = client.post(f"{LOADOUT}/merge", json={"from": "x", "strategy": "mine"})
    assert mine.status_code == 422
    assert client.get("/v1/equipment/no-such-item/mounted-in").status_code == 404
    assert client.get(LOADOUT).json()["version"] == 1  # none of it wrote anything
