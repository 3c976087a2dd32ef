"""Concurrent editing loses nothing: every save names the revision it started from; a save on a stale base is
refused with 409, naming the newer revision, its author and what it changed; saving again on that revision saves
over it deliberately."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from rest_framework.test import APIClient

from designer.models import Design

pytestmark = pytest.mark.django_db


def save(api: APIClient, design: dict[str, Any], document: dict[str, Any], base: Any, **extra: Any) -> Any:
    body = {"document": document, **({"base_revision": base} if base is not ... else {}), **extra}
    return api.put(f"/api/designs/{design['id']}/", body, format="json")


def changed(document: dict[str, Any], **instance_classes: str) -> dict[str, Any]:
    out = copy.deepcopy(document)
    for node in out["nodes"]:
        if node["id"] in instance_classes:
            node.setdefault("props", {})["instance_class"] = instance_classes[node["id"]]
    return out


def test_a_save_on_the_newest_revision_is_taken(api: APIClient, design: dict[str, Any]) -> None:
    response = save(api, design, changed(design["document"], db="db.r6g.xlarge"), 1)
    assert response.status_code == 200, response.content
    assert response.json()["revision"]["number"] == 2


def test_a_save_on_a_stale_base_is_refused_naming_the_newer_revision_and_what_it_changed(
    api: APIClient, design: dict[str, Any]
) -> None:
    alice_doc = changed(design["document"], db="db.r6g.xlarge")
    alice_doc["nodes"] = [n for n in alice_doc["nodes"] if n["id"] != "cache"]
    alice_doc["edges"] = [e for e in alice_doc["edges"] if "cache" not in (e["source"], e["target"])]
    assert save(api, design, alice_doc, 1, message="bigger database").status_code == 200

    # Another tab, also on revision 1, saves its own change: refused, and nothing is saved.
    response = save(api, design, changed(design["document"], db="db.r6g.2xlarge"), 1)
    assert response.status_code == 409
    body = response.json()
    assert body["type"] == "conflict"
    assert body["detail"].startswith("Revision 2 was saved by alice after revision 1")
    assert body["head"]["number"] == 2 and body["head"]["author"] == "alice"
    assert body["head"]["message"] == "bigger database"
    changes = body["changes"]
    assert [n["id"] for n in changes["nodes"]["removed"]] == ["cache"]
    db = next(n for n in changes["nodes"]["changed"] if n["id"] == "db")
    assert {"field": "props.instance_class", "before": "db.r6g.large", "after": "db.r6g.xlarge"} in db["changes"]
    assert {e["target"] for e in changes["edges"]["removed"]} == {"cache"}
    assert Design.objects.get(pk=design["id"]).head.number == 2

    # Saving over it deliberately: the same document, naming revision 2 as the base.
    again = save(api, design, changed(design["document"], db="db.r6g.2xlarge"), 2)
    assert again.status_code == 200 and again.json()["revision"]["number"] == 3


def test_a_rename_on_a_stale_base_is_refused_too(api: APIClient, design: dict[str, Any]) -> None:
    url = f"/api/designs/{design['id']}/"
    assert api.patch(url, {"name": "First", "base_revision": 1}, format="json").status_code == 200
    stale = api.patch(url, {"name": "Second", "base_revision": 1}, format="json")
    assert stale.status_code == 409
    assert {"field": "name", "before": design["document"]["name"], "after": "First"} in stale.json()["changes"][
        "document"
    ]


@pytest.mark.parametrize("base", [..., None, "two", 0, -1, 2**40])
def test_a_save_must_name_a_valid_base(api: APIClient, design: dict[str, Any], base: Any) -> None:
    response = save(api, design, design["document"], base)
    assert response.status_code == 400
    assert "base_revision" in {e["field"] for e in response.json()["errors"]}
    assert Design.objects.get(pk=design["id"]).head.number == 1


def test_a_base_that_never_existed_is_a_conflict_with_the_whole_design_as_the_change(
    api: APIClient, design: dict[str, Any]
) -> None:
    response = save(api, design, design["document"], 7)
    assert response.status_code == 409
    assert len(response.json()["changes"]["nodes"]["added"]) == len(design["document"]["nodes"])
