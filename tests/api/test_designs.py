"""The designs API: authentication, ownership, saving, revisions and the error format."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from designer.models import Design, Revision

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("get", "/api/designs/"),
    ("post", "/api/designs/"),
    ("post", "/api/designs/validate/"),
    ("get", "/api/designs/00000000-0000-0000-0000-000000000000/"),
    ("put", "/api/designs/00000000-0000-0000-0000-000000000000/"),
    ("patch", "/api/designs/00000000-0000-0000-0000-000000000000/"),
    ("delete", "/api/designs/00000000-0000-0000-0000-000000000000/"),
    ("get", "/api/designs/00000000-0000-0000-0000-000000000000/revisions/"),
    ("get", "/api/designs/00000000-0000-0000-0000-000000000000/revisions/1/"),
    ("get", "/api/palette/"),
    ("get", "/api/me/"),
]


def assert_error(response: Any, status: int, type_: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"type", "detail", "errors"}
    assert body["type"] == type_
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_every_design_endpoint_requires_authentication(anonymous: APIClient, method: str, url: str) -> None:
    response = getattr(anonymous, method)(url, {}, format="json")
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_a_wrong_token_is_refused(anonymous: APIClient) -> None:
    anonymous.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert_error(anonymous.get("/api/designs/"), 401, "authentication_failed")


def test_a_user_gets_a_token_with_their_password_and_uses_it(anonymous: APIClient, user: Any) -> None:
    response = anonymous.post(
        "/api/auth/token/", {"username": "alice", "password": "alice-secret-password"}, format="json"
    )
    assert response.status_code == 200
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert anonymous.get("/api/me/").json()["username"] == "alice"


def test_a_wrong_password_gets_no_token(anonymous: APIClient, user: Any) -> None:
    response = anonymous.post("/api/auth/token/", {"username": "alice", "password": "guess"}, format="json")
    body = assert_error(response, 401, "authentication_failed")
    assert "Wrong username or password" in body["detail"]


def test_creating_an_empty_design_makes_revision_one(api: APIClient) -> None:
    response = api.post("/api/designs/", {"name": "Payments", "region": "eu-west-1"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Payments"
    assert body["region"] == "eu-west-1"
    assert body["revision"]["number"] == 1
    assert body["revision"]["author"] == "alice"
    assert body["document"]["nodes"] == [] and body["document"]["edges"] == []
    assert body["document"]["type"] == "aws-architecture-design"


def test_creating_from_a_document_keeps_every_node_and_edge(api: APIClient, three_tier: dict[str, Any]) -> None:
    response = api.post("/api/designs/", {"document": three_tier, "message": "first cut"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["node_count"] == len(three_tier["nodes"])
    assert body["edge_count"] == len(three_tier["edges"])
    assert [n["id"] for n in body["document"]["nodes"]] == [n["id"] for n in three_tier["nodes"]]
    assert body["revision"]["message"] == "first cut"
    assert body["warnings"] == []


def test_an_invalid_document_is_refused_with_every_problem_and_nothing_is_saved(
    api: APIClient, three_tier: dict[str, Any]
) -> None:
    broken = copy.deepcopy(three_tier)
    web = next(n for n in broken["nodes"] if n["id"] == "web")
    web["props"]["cpu"] = 3
    subnet = next(n for n in broken["nodes"] if n["id"] == "app-a")
    subnet["props"]["cidr"] = "10.9.0.0/24"
    body = assert_error(api.post("/api/designs/", {"document": broken}, format="json"), 400, "invalid_design")
    by_node = {e["node"]: e for e in body["errors"]}
    web_index = [n["id"] for n in broken["nodes"]].index("web")
    assert by_node["web"]["path"] == f"$.nodes[{web_index}].props.cpu"
    assert by_node["web"]["field"] == "props.cpu"
    assert by_node["app-a"]["code"] == "cidr_outside_vpc"
    assert body["detail"] == "The design has 2 problems."
    assert Design.objects.count() == 0


def test_a_document_that_is_not_an_object_is_a_request_error(api: APIClient) -> None:
    body = assert_error(api.post("/api/designs/", {"document": [1, 2]}, format="json"), 400, "invalid_request")
    assert body["errors"][0]["field"] == "document"


def test_the_owner_reads_a_design_with_its_document(api: APIClient, design: dict[str, Any]) -> None:
    response = api.get(f"/api/designs/{design['id']}/")
    assert response.status_code == 200
    assert response.json()["document"] == design["document"]


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_a_stranger_gets_not_found_and_changes_nothing(
    stranger_api: APIClient, design: dict[str, Any], method: str, three_tier: dict[str, Any]
) -> None:
    url = f"/api/designs/{design['id']}/"
    response = getattr(stranger_api, method)(url, {"document": three_tier, "name": "pwned"}, format="json")
    missing = stranger_api.get("/api/designs/11111111-1111-1111-1111-111111111111/")
    assert_error(response, 404, "not_found")
    assert response.json() == missing.json()  # the same answer as for a design that does not exist
    stored = Design.objects.get(pk=design["id"])
    assert stored.name == "Three-tier web app" and stored.revisions.count() == 1


def test_a_stranger_cannot_list_or_read_revisions(stranger_api: APIClient, design: dict[str, Any]) -> None:
    assert_error(stranger_api.get(f"/api/designs/{design['id']}/revisions/"), 404, "not_found")
    assert_error(stranger_api.get(f"/api/designs/{design['id']}/revisions/1/"), 404, "not_found")
    assert stranger_api.get("/api/designs/").json()["count"] == 0


def test_saving_creates_a_new_revision_and_the_old_one_never_changes(api: APIClient, design: dict[str, Any]) -> None:
    changed = copy.deepcopy(design["document"])
    changed["nodes"] = [n for n in changed["nodes"] if n["id"] != "cache"]
    changed["edges"] = [e for e in changed["edges"] if e["target"] != "cache"]
    response = api.put(
        f"/api/designs/{design['id']}/",
        {"document": changed, "message": "drop the cache", "base_revision": 1},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["revision"]["number"] == 2
    assert response.json()["node_count"] == len(design["document"]["nodes"]) - 1

    first = api.get(f"/api/designs/{design['id']}/revisions/1/").json()
    assert first["document"] == design["document"]
    second = api.get(f"/api/designs/{design['id']}/revisions/2/").json()
    assert second["message"] == "drop the cache" and second["author"] == "alice"
    assert "cache" not in {n["id"] for n in second["document"]["nodes"]}


def test_a_refused_save_keeps_the_last_good_revision(api: APIClient, design: dict[str, Any]) -> None:
    broken = copy.deepcopy(design["document"])
    broken["nodes"].append({"id": "ghost", "kind": "aws.ec2.instance", "label": "ghost", "parent": "nowhere"})
    body = assert_error(
        api.put(f"/api/designs/{design['id']}/", {"document": broken, "base_revision": 1}, format="json"),
        400,
        "invalid_design",
    )
    assert body["errors"][0]["node"] == "ghost" and body["errors"][0]["code"] == "unknown_parent"
    current = api.get(f"/api/designs/{design['id']}/").json()
    assert current["revision"]["number"] == 1
    assert current["document"] == design["document"]


def test_put_needs_a_document(api: APIClient, design: dict[str, Any]) -> None:
    body = assert_error(
        api.put(f"/api/designs/{design['id']}/", {"name": "x", "base_revision": 1}, format="json"),
        400,
        "invalid_request",
    )
    assert body["errors"][0]["field"] == "document"


def test_renaming_makes_a_revision_that_differs_only_in_name(api: APIClient, design: dict[str, Any]) -> None:
    response = api.patch(f"/api/designs/{design['id']}/", {"name": "Shop", "base_revision": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["name"] == "Shop"
    assert response.json()["revision"]["message"] == "Renamed to Shop"
    renamed = response.json()["document"]
    assert renamed == {**design["document"], "name": "Shop"}
    assert api.get("/api/designs/").json()["results"][0]["name"] == "Shop"


def test_an_empty_patch_is_refused(api: APIClient, design: dict[str, Any]) -> None:
    body = assert_error(
        api.patch(f"/api/designs/{design['id']}/", {"message": "nothing"}, format="json"), 400, "invalid_request"
    )
    assert "document" in body["detail"] and "name" in body["detail"]


def test_deleting_removes_the_design_and_its_revisions(api: APIClient, design: dict[str, Any]) -> None:
    assert api.delete(f"/api/designs/{design['id']}/").status_code == 204
    assert_error(api.get(f"/api/designs/{design['id']}/"), 404, "not_found")
    assert Revision.objects.count() == 0


def test_revisions_are_listed_newest_first_and_unknown_numbers_are_not_found(
    api: APIClient, design: dict[str, Any]
) -> None:
    for base, name in enumerate(("B", "C"), start=1):
        api.patch(f"/api/designs/{design['id']}/", {"name": name, "base_revision": base}, format="json")
    listing = api.get(f"/api/designs/{design['id']}/revisions/").json()
    assert listing["count"] == 3
    assert [r["number"] for r in listing["results"]] == [3, 2, 1]
    assert "document" not in listing["results"][0]
    assert_error(api.get(f"/api/designs/{design['id']}/revisions/9/"), 404, "not_found")


def test_a_revision_cannot_be_changed_through_the_api_or_the_orm(api: APIClient, design: dict[str, Any]) -> None:
    url = f"/api/designs/{design['id']}/revisions/1/"
    assert_error(api.put(url, {"document": {}}, format="json"), 405, "method_not_allowed")
    assert_error(api.delete(url), 405, "method_not_allowed")
    revision = Revision.objects.get()
    revision.message = "rewritten"
    with pytest.raises(TypeError, match="never change"):
        revision.save()
    with pytest.raises(TypeError, match="never change"):
        Revision.objects.filter(pk=revision.pk).update(message="rewritten")
    assert Revision.objects.get().message == "Created"


def test_designs_are_paginated(api: APIClient) -> None:
    for i in range(30):
        api.post("/api/designs/", {"name": f"d{i}"}, format="json")
    first = api.get("/api/designs/").json()
    assert first["count"] == 30 and len(first["results"]) == 25 and first["next"]
    assert len(api.get("/api/designs/?page=2").json()["results"]) == 5
    assert len(api.get("/api/designs/?page_size=10").json()["results"]) == 10
    assert_error(api.get("/api/designs/?page=9"), 404, "not_found")


def test_validate_returns_exactly_what_a_save_would_refuse(api: APIClient, design: dict[str, Any]) -> None:
    broken = copy.deepcopy(design["document"])
    broken["edges"].append({"id": "bad", "source": "assets", "target": "db"})
    broken["nodes"][0]["kind"] = "aws.teleporter"
    checked = api.post("/api/designs/validate/", {"document": broken}, format="json")
    assert checked.status_code == 200
    assert checked.json()["valid"] is False
    saved = api.put(f"/api/designs/{design['id']}/", {"document": broken, "base_revision": 1}, format="json")
    assert saved.status_code == 400
    assert checked.json()["problems"] == saved.json()["errors"]
    assert {p["code"] for p in checked.json()["problems"]} == {"unknown_kind", "invalid_connection"}


def test_validate_accepts_a_valid_document_and_reports_its_warnings(api: APIClient, three_tier: dict[str, Any]) -> None:
    alb = next(n for n in three_tier["nodes"] if n["id"] == "alb")
    alb["props"]["subnets"] = ["public-a"]
    body = api.post("/api/designs/validate/", {"document": three_tier}, format="json").json()
    assert body["valid"] is True
    assert [(p["node"], p["severity"], p["code"]) for p in body["problems"]] == [("alb", "warning", "too_few_azs")]


def test_a_session_user_must_send_the_csrf_token(user: Any) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="alice", password="alice-secret-password")
    refused = client.post("/api/designs/", {"name": "x"}, format="json")
    body = assert_error(refused, 403, "permission_denied")
    assert "CSRF" in body["detail"]
    client.get("/")  # the app shell sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post("/api/designs/", {"name": "x"}, format="json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


def test_malformed_json_is_a_parse_error(api: APIClient) -> None:
    response = api.generic("POST", "/api/designs/", b'{"name": ', content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_form_encoded_bodies_are_refused(api: APIClient) -> None:
    response = api.post("/api/designs/", {"name": "x"})  # multipart
    assert_error(response, 415, "unsupported_media_type")


@override_settings(API_MAX_BODY_BYTES=10_000)
def test_a_body_over_the_limit_is_refused_with_413(api: APIClient) -> None:
    response = api.post("/api/designs/", {"name": "x", "message": "m" * 20_000}, format="json")
    body = assert_error(response, 413, "too_large")
    assert "10,000 bytes" in body["detail"]
    assert Design.objects.count() == 0


@override_settings(DESIGN_MAX_NODES=5)
def test_a_design_over_the_node_limit_is_refused(api: APIClient, three_tier: dict[str, Any]) -> None:
    body = assert_error(api.post("/api/designs/", {"document": three_tier}, format="json"), 400, "invalid_design")
    assert body["errors"][0]["code"] == "too_many_nodes"


def test_unknown_api_urls_answer_in_the_error_format(api: APIClient) -> None:
    assert_error(api.get("/api/nothing-here/"), 404, "not_found")
    assert_error(api.get("/api/designs/not-a-uuid/"), 404, "not_found")


@pytest.mark.parametrize("depth", [40, 100_000])
def test_json_nested_absurdly_deep_is_a_parse_error_not_a_crash(api: APIClient, depth: int) -> None:
    body = b'{"document": ' + b"[" * depth + b"]" * depth + b"}"
    response = api.generic("POST", "/api/designs/validate/", body, content_type="application/json")
    assert "more than 32 levels deep" in assert_error(response, 400, "parse_error")["detail"]
