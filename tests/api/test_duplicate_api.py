"""Duplicating a design: a new design from its newest document, the original untouched."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from designer.models import Design

pytestmark = pytest.mark.django_db


def duplicate_url(design: dict[str, Any]) -> str:
    return f"/api/designs/{design['id']}/duplicate/"


def test_a_duplicate_is_a_new_design_called_copy_of_with_the_newest_document(
    api: APIClient, design: dict[str, Any]
) -> None:
    changed = {**design["document"], "description": "Second cut"}
    assert (
        api.put(f"/api/designs/{design['id']}/", {"document": changed, "base_revision": 1}, format="json").status_code
        == 200
    )

    response = api.post(duplicate_url(design), {}, format="json")
    assert response.status_code == 201, response.json()
    copy = response.json()
    assert copy["id"] != design["id"]
    assert copy["name"] == "Copy of Three-tier web app"
    assert copy["revision"]["number"] == 1
    assert copy["revision"]["message"] == "Copy of “Three-tier web app” revision 2"
    assert copy["document"]["description"] == "Second cut"
    assert copy["document"]["nodes"] == design["document"]["nodes"]
    assert copy["document"]["edges"] == design["document"]["edges"]

    original = api.get(f"/api/designs/{design['id']}/").json()
    assert original["name"] == "Three-tier web app" and original["revision"]["number"] == 2
    assert api.get("/api/designs/").json()["count"] == 2


def test_a_duplicate_takes_the_name_it_is_given(api: APIClient, design: dict[str, Any]) -> None:
    response = api.post(duplicate_url(design), {"name": "Staging"}, format="json")
    assert response.status_code == 201
    assert response.json()["name"] == "Staging"
    assert response.json()["document"]["name"] == "Staging"


def test_the_default_name_of_a_copy_fits_the_longest_name(api: APIClient) -> None:
    created = api.post("/api/designs/", {"name": "x" * 200}, format="json").json()
    response = api.post(duplicate_url(created), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["name"] == ("Copy of " + "x" * 200)[:200]


def test_a_blank_name_is_refused(api: APIClient, design: dict[str, Any]) -> None:
    response = api.post(duplicate_url(design), {"name": ""}, format="json")
    assert response.status_code == 400
    assert [problem["field"] for problem in response.json()["errors"]] == ["name"]
    assert Design.objects.count() == 1


def test_someone_elses_design_cannot_be_duplicated(stranger_api: APIClient, design: dict[str, Any]) -> None:
    response = stranger_api.post(duplicate_url(design), {}, format="json")
    assert response.status_code == 404
    assert Design.objects.count() == 1


def test_duplicating_needs_a_logged_in_user(anonymous: APIClient, design: dict[str, Any]) -> None:
    response = anonymous.post(duplicate_url(design), {}, format="json")
    assert response.status_code == 401
    assert Design.objects.count() == 1
