"""The example designs: listed for the designs page, and a new design started from one."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from designer.models import Design
from tests.conftest import EXAMPLES, example

pytestmark = pytest.mark.django_db

SLUGS = sorted(path.stem for path in EXAMPLES.glob("*.json"))


def test_the_examples_are_listed_with_their_name_description_region_and_size(api: APIClient) -> None:
    response = api.get("/api/examples/")
    assert response.status_code == 200
    listed = response.json()
    assert (
        [item["slug"] for item in listed]
        == SLUGS
        == [
            "hybrid-connectivity",
            "serverless-event-driven",
            "three-tier-web-app",
        ]
    )
    serverless = listed[1]
    source = example("serverless-event-driven")
    assert serverless == {
        "slug": "serverless-event-driven",
        "name": "Serverless event-driven app",
        "description": source["description"],
        "region": "us-east-1",
        "node_count": len(source["nodes"]),
    }


@pytest.mark.parametrize("slug", SLUGS)
def test_a_design_created_from_an_example_holds_the_whole_example(api: APIClient, user: Any, slug: str) -> None:
    response = api.post("/api/designs/", {"example": slug}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    source = example(slug)
    assert body["name"] == source["name"]
    assert body["owner"] == "alice"
    assert body["revision"]["number"] == 1
    assert body["node_count"] == len(source["nodes"]) and body["edge_count"] == len(source["edges"])
    assert [n["id"] for n in body["document"]["nodes"]] == [n["id"] for n in source["nodes"]]
    assert [e["id"] for e in body["document"]["edges"]] == [e["id"] for e in source["edges"]]
    assert "example" in body["revision"]["message"]
    assert Design.objects.get(pk=body["id"]).owner == user


def test_a_design_from_an_example_takes_the_name_and_region_it_is_given(api: APIClient) -> None:
    response = api.post(
        "/api/designs/",
        {"example": "serverless-event-driven", "name": "Orders", "region": "eu-west-1", "message": "start"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["name"], body["region"]) == ("Orders", "eu-west-1")
    assert body["document"]["name"] == "Orders" and body["document"]["region"] == "eu-west-1"
    assert body["revision"]["message"] == "start"


def test_an_unknown_example_is_a_400_naming_the_field(api: APIClient) -> None:
    response = api.post("/api/designs/", {"example": "../settings"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "invalid_request"
    assert [problem["field"] for problem in body["errors"]] == ["example"]
    assert "../settings" in body["errors"][0]["message"]
    assert "serverless-event-driven" in body["errors"][0]["message"]
    assert not Design.objects.exists()


def test_an_example_and_a_document_together_are_refused(api: APIClient, three_tier: dict[str, Any]) -> None:
    response = api.post("/api/designs/", {"example": "serverless-event-driven", "document": three_tier}, format="json")
    assert response.status_code == 400
    assert [problem["field"] for problem in response.json()["errors"]] == ["example"]
    assert not Design.objects.exists()


def test_the_examples_need_a_logged_in_user(anonymous: APIClient) -> None:
    response = anonymous.get("/api/examples/")
    assert response.status_code == 401
    assert response.json()["type"] == "not_authenticated"
    response = anonymous.post("/api/designs/", {"example": "serverless-event-driven"}, format="json")
    assert response.status_code == 401
    assert not Design.objects.exists()
