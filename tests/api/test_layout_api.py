"""POST /api/designs/layout/: the editor's auto-layout button. A document comes back laid out (traffic left to
right, containers around their children), valid or not yet; a document that cannot be laid out is refused with
the field named; nothing is saved."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from designer.models import Revision
from tests.conftest import example

pytestmark = pytest.mark.django_db

URL = "/api/designs/layout/"


def inside(child: dict[str, Any], parent: dict[str, Any]) -> bool:
    x, y = child["position"]["x"], child["position"]["y"]
    width, height = (child["size"]["width"], child["size"]["height"]) if "size" in child else (120, 90)
    return x >= 0 and y >= 0 and x + width <= parent["size"]["width"] and y + height <= parent["size"]["height"]


def test_an_example_comes_back_laid_out_left_to_right(api: APIClient) -> None:
    document = example("three-tier-web-app")
    response = api.post(URL, {"document": document}, format="json")
    assert response.status_code == 200, response.content
    laid = {n["id"]: n for n in response.json()["document"]["nodes"]}
    assert set(laid) == {n["id"] for n in document["nodes"]}
    for node in laid.values():
        if node.get("parent"):
            assert inside(node, laid[node["parent"]]), node["id"]
    # users -> cdn -> (region) ... : what a connection leads to stands right of where it starts
    assert laid["cdn"]["position"]["x"] > laid["users"]["position"]["x"]
    assert laid["web"]["position"]["x"] >= 0
    assert Revision.objects.count() == 0, "nothing is saved"


def test_a_document_with_problems_is_still_laid_out(api: APIClient) -> None:
    document = example("serverless-event-driven")
    document["nodes"][0]["props"] = {"not_a_property": 1}
    response = api.post(URL, {"document": document}, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"nodes": "x"}, "document.nodes"),
        ({"nodes": [{"id": "a"}]}, "document.nodes[0]"),
        (
            {"nodes": [{"id": "a", "kind": "aws.s3.bucket"}, {"id": "a", "kind": "aws.s3.bucket"}]},
            "document.nodes[1].id",
        ),
        (
            {
                "nodes": [
                    {"id": "a", "kind": "aws.vpc.vpc", "parent": "b"},
                    {"id": "b", "kind": "aws.vpc.vpc", "parent": "a"},
                ]
            },
            "document.nodes",
        ),
        ({"nodes": [], "edges": [{"source": 1}]}, "document.edges[0]"),
        ({"nodes": [], "edges": {}}, "document.edges"),
    ],
)
def test_a_document_that_cannot_be_laid_out_is_refused_with_the_field(
    api: APIClient, document: dict[str, Any], field: str
) -> None:
    response = api.post(URL, {"document": document}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "invalid_request"
    assert field in {e["field"] for e in body["errors"]} | {e["path"] for e in body["errors"]}, body


def test_strangers_may_not_use_it(anonymous: APIClient) -> None:
    response = anonymous.post(URL, {"document": example("three-tier-web-app")}, format="json")
    assert response.status_code in (401, 403)
