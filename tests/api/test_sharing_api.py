"""Teams, shares, share links, moving a design and the share log, through the API: each rule a user would notice,
and the field each refusal names. (Who may call what is tests/api/test_authorization_matrix.py.)"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient

from designer.models import Design, Membership, ShareEvent, ShareLink, Team
from tests.conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> dict[str, APIClient]:
    users = get_user_model().objects
    return {name: token_client(users.create_user(name, f"{name}@example.com")) for name in ("bob", "carol", "dave")}


def fields(response: Any) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


def make_team(client: APIClient, name: str = "Platform") -> dict[str, Any]:
    response = client.post("/api/teams/", {"name": name}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


# -- teams ---------------------------------------------------------------------------------------------------


def test_a_new_team_has_its_creator_as_owner_and_takes_members_by_username_or_email(
    api: APIClient, people: dict[str, APIClient]
) -> None:
    team = make_team(api)
    assert team["role"] == "owner" and [m["user"]["username"] for m in team["members"]] == ["alice"]
    assert api.post(f"/api/teams/{team['id']}/members/", {"user": "BOB"}, format="json").status_code == 201
    added = api.post(f"/api/teams/{team['id']}/members/", {"user": "carol@example.com", "role": "admin"}, format="json")
    assert added.status_code == 201 and added.json()["role"] == "admin"
    detail = api.get(f"/api/teams/{team['id']}/").json()
    assert [(m["user"]["username"], m["role"]) for m in detail["members"]] == [
        ("alice", "owner"),
        ("carol", "admin"),
        ("bob", "member"),
    ]
    listed = people["bob"].get("/api/teams/").json()
    assert [(t["name"], t["role"], t["member_count"]) for t in listed] == [("Platform", "member", 3)]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"user": "nobody"}, "user"),
        ({"user": "alice"}, "user"),  # already in it
        ({"user": "bob", "role": "boss"}, "role"),
        ({}, "user"),
    ],
)
def test_adding_a_member_wrongly_names_the_field(
    api: APIClient, people: dict[str, APIClient], body: dict[str, Any], field: str
) -> None:
    team = make_team(api)
    response = api.post(f"/api/teams/{team['id']}/members/", body, format="json")
    assert response.status_code == 400 and field in fields(response)
    assert Membership.objects.filter(team_id=team["id"]).count() == 1


def test_admins_manage_members_but_only_owners_touch_owners(api: APIClient, people: dict[str, APIClient]) -> None:
    team = make_team(api)
    url = f"/api/teams/{team['id']}/members/"
    api.post(url, {"user": "bob", "role": "admin"}, format="json")
    admin = people["bob"]
    assert admin.post(url, {"user": "carol"}, format="json").status_code == 201
    assert admin.post(url, {"user": "dave", "role": "owner"}, format="json").status_code == 403
    alice_id = get_user_model().objects.get(username="alice").pk
    assert admin.delete(f"{url}{alice_id}/").status_code == 403
    carol_id = get_user_model().objects.get(username="carol").pk
    assert people["carol"].patch(f"{url}{carol_id}/", {"role": "admin"}, format="json").status_code == 403
    assert admin.patch(f"{url}{carol_id}/", {"role": "admin"}, format="json").json()["role"] == "admin"
    assert people["carol"].delete(f"{url}{carol_id}/").status_code == 204  # anyone may leave


def test_a_team_keeps_its_last_owner(api: APIClient) -> None:
    team = make_team(api)
    alice_id = get_user_model().objects.get(username="alice").pk
    url = f"/api/teams/{team['id']}/members/{alice_id}/"
    demoted = api.patch(url, {"role": "member"}, format="json")
    assert demoted.status_code == 400 and fields(demoted) == {"role"}
    assert api.delete(url).status_code == 409
    assert Membership.objects.get(team_id=team["id"]).role == "owner"


def test_a_team_that_owns_designs_cannot_be_deleted_until_they_are_moved(api: APIClient) -> None:
    team = make_team(api)
    design = api.post("/api/designs/", {"name": "Shared VPC", "team": team["id"]}, format="json").json()
    refused = api.delete(f"/api/teams/{team['id']}/")
    assert refused.status_code == 409 and "1 design" in refused.json()["detail"]
    moved = api.post(f"/api/designs/{design['id']}/transfer/", {"team": None}, format="json")
    assert moved.status_code == 200 and moved.json()["owner"] == "alice" and moved.json()["team"] is None
    assert api.delete(f"/api/teams/{team['id']}/").status_code == 204
    assert not Team.objects.exists() and Design.objects.filter(pk=design["id"]).exists()


def test_a_team_name_is_required_and_bounded(api: APIClient) -> None:
    for body in ({"name": "  "}, {"name": "x" * 101}, {}):
        response = api.post("/api/teams/", body, format="json")
        assert response.status_code == 400 and fields(response) == {"name"}
    assert not Team.objects.exists()


# -- team designs --------------------------------------------------------------------------------------------


def test_a_team_design_is_edited_by_its_members_and_managed_by_its_owners(
    api: APIClient, people: dict[str, APIClient]
) -> None:
    team = make_team(api)
    api.post(f"/api/teams/{team['id']}/members/", {"user": "bob"}, format="json")
    made = api.post("/api/designs/", {"name": "Team net", "team": team["id"]}, format="json")
    assert made.status_code == 201
    design = made.json()
    assert design["owner"] is None and design["team"] == {"id": team["id"], "name": "Platform"}
    mine = people["bob"].get("/api/designs/").json()["results"]
    assert [(d["name"], d["role"]) for d in mine] == [("Team net", "editor")]
    saved = people["bob"].patch(
        f"/api/designs/{design['id']}/", {"name": "Team network", "base_revision": 1}, format="json"
    )
    assert saved.status_code == 200 and saved.json()["revision"]["author"] == "bob"
    assert people["bob"].delete(f"/api/designs/{design['id']}/").status_code == 403
    # Leaving the team ends the access.
    bob_id = get_user_model().objects.get(username="bob").pk
    people["bob"].delete(f"/api/teams/{team['id']}/members/{bob_id}/")
    assert people["bob"].get(f"/api/designs/{design['id']}/").status_code == 404


def test_a_design_is_made_for_a_team_only_by_its_members(api: APIClient, people: dict[str, APIClient]) -> None:
    team = make_team(api)
    for value in (team["id"], "not-a-uuid"):
        response = people["bob"].post("/api/designs/", {"name": "Sneaky", "team": value}, format="json")
        assert response.status_code == 400 and fields(response) == {"team"}
    assert not Design.objects.exists()


# -- shares --------------------------------------------------------------------------------------------------


def test_sharing_lists_the_design_under_shared_with_me_with_its_role(
    api: APIClient, design: dict[str, Any], people: dict[str, APIClient]
) -> None:
    url = f"/api/designs/{design['id']}/shares/"
    first = api.post(url, {"user": "bob@example.com", "role": "viewer"}, format="json")
    assert first.status_code == 201 and first.json()["user"]["username"] == "bob"
    again = api.post(url, {"user": "bob", "role": "editor"}, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"] and again.json()["role"] == "editor"
    assert people["bob"].get("/api/designs/").json()["results"] == []
    shared = people["bob"].get("/api/designs/?scope=shared").json()["results"]
    assert [(d["name"], d["owner"], d["role"]) for d in shared] == [("Three-tier web app", "alice", "editor")]
    assert api.get("/api/designs/?scope=shared").json()["results"] == []
    assert people["carol"].get("/api/designs/?scope=shared").json()["results"] == []


def test_sharing_with_a_team_reaches_everyone_in_it_and_the_strongest_role_wins(
    api: APIClient, design: dict[str, Any], people: dict[str, APIClient]
) -> None:
    team = make_team(people["bob"], "Reviewers")
    people["bob"].post(f"/api/teams/{team['id']}/members/", {"user": "carol"}, format="json")
    url = f"/api/designs/{design['id']}/shares/"
    assert api.post(url, {"team": team["id"], "role": "viewer"}, format="json").status_code == 201
    assert people["carol"].get(f"/api/designs/{design['id']}/").json()["role"] == "viewer"
    api.post(url, {"user": "carol", "role": "editor"}, format="json")
    assert people["carol"].get(f"/api/designs/{design['id']}/").json()["role"] == "editor"
    assert people["bob"].get(f"/api/designs/{design['id']}/").json()["role"] == "viewer"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"user": "nobody", "role": "viewer"}, "user"),
        ({"user": "alice", "role": "viewer"}, "user"),  # the owner
        ({"user": "bob", "role": "owner"}, "role"),
        ({"role": "viewer"}, "user"),
        ({"user": "bob", "team": "5b1f6f4e-0000-4000-8000-000000000000", "role": "viewer"}, "user"),
        ({"team": "5b1f6f4e-0000-4000-8000-000000000000", "role": "viewer"}, "team"),
    ],
)
def test_a_bad_share_names_the_field_and_shares_nothing(
    api: APIClient, design: dict[str, Any], people: dict[str, APIClient], body: dict[str, Any], field: str
) -> None:
    response = api.post(f"/api/designs/{design['id']}/shares/", body, format="json")
    assert response.status_code == 400 and field in fields(response)
    assert not Design.objects.get(pk=design["id"]).shares.exists()


def test_unsharing_ends_access_and_the_log_says_who_did_what(
    api: APIClient, design: dict[str, Any], people: dict[str, APIClient]
) -> None:
    url = f"/api/designs/{design['id']}/shares/"
    share = api.post(url, {"user": "bob", "role": "viewer"}, format="json").json()
    api.patch(f"{url}{share['id']}/", {"role": "editor"}, format="json")
    assert api.delete(f"{url}{share['id']}/").status_code == 204
    assert people["bob"].get(f"/api/designs/{design['id']}/").status_code == 404
    log = api.get(f"/api/designs/{design['id']}/share-log/").json()["results"]
    assert [e["summary"] for e in log] == [
        "alice stopped sharing it with bob.",
        "alice made bob editor.",
        "alice shared it with bob as viewer.",
    ]


# -- share links ---------------------------------------------------------------------------------------------


def make_link(api: APIClient, design: dict[str, Any], **body: Any) -> dict[str, Any]:
    response = api.post(f"/api/designs/{design['id']}/links/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_link_shows_its_secret_once_and_keeps_only_its_digest(api: APIClient, design: dict[str, Any]) -> None:
    link = make_link(api, design)
    assert link["url"] == f"http://testserver/s/{link['token']}/" and len(link["token"]) >= 40
    listed = api.get(f"/api/designs/{design['id']}/links/").json()
    assert listed[0]["id"] == link["id"] and "token" not in listed[0] and listed[0]["active"] is True
    assert link["token"] not in str(ShareLink.objects.values_list())


def test_a_link_lets_an_anonymous_browser_read_that_design_only(
    anonymous: APIClient, api: APIClient, design: dict[str, Any]
) -> None:
    other = api.post("/api/designs/", {"name": "Private"}, format="json").json()
    link = make_link(api, design)
    assert anonymous.get(f"/api/designs/{design['id']}/").status_code == 401
    opened = anonymous.get(f"/api/shared/{link['token']}/")
    assert opened.json() == {"design": design["id"], "name": "Three-tier web app", "expires_at": None}
    read = anonymous.get(f"/api/designs/{design['id']}/")
    assert read.status_code == 200 and read.json()["role"] == "viewer"
    assert anonymous.get(f"/api/designs/{design['id']}/cloudformation.yaml").status_code == 200
    assert anonymous.get(f"/api/designs/{other['id']}/").status_code == 404
    assert anonymous.get("/api/designs/").status_code == 401
    write = anonymous.put(f"/api/designs/{design['id']}/", {"document": {}, "base_revision": 1}, format="json")
    assert write.status_code == 403
    assert ShareLink.objects.get(pk=link["id"]).last_used_at is not None


def test_the_link_page_opens_for_an_active_link_and_is_404_once_revoked(
    anonymous: APIClient, api: APIClient, design: dict[str, Any], settings: Any, tmp_path: Any
) -> None:
    (tmp_path / "index.html").write_text("<div id=root></div>")
    settings.FRONTEND_DIST = tmp_path
    link = make_link(api, design)
    page = anonymous.get(f"/s/{link['token']}/")
    assert page.status_code == 200 and b"root" in page.content
    assert anonymous.get(f"/api/designs/{design['id']}/").status_code == 200  # the page opened it for the session
    assert api.delete(f"/api/designs/{design['id']}/links/{link['id']}/").status_code == 204
    assert anonymous.get(f"/s/{link['token']}/").status_code == 404
    assert anonymous.get(f"/api/shared/{link['token']}/").status_code == 404
    assert anonymous.get(f"/api/designs/{design['id']}/").status_code == 404  # revoking ends the session's view
    assert anonymous.get("/s/not-a-real-token/").status_code == 404
    listed = api.get(f"/api/designs/{design['id']}/links/").json()
    assert listed[0]["active"] is False and listed[0]["revoked_at"] is not None


def test_an_expired_link_is_404_and_an_expiry_must_be_in_the_future(
    anonymous: APIClient, api: APIClient, design: dict[str, Any]
) -> None:
    past = api.post(f"/api/designs/{design['id']}/links/", {"expires_at": "2020-01-01T00:00:00Z"}, format="json")
    assert past.status_code == 400 and fields(past) == {"expires_at"}
    soon = timezone.now() + datetime.timedelta(hours=1)
    link = make_link(api, design, expires_at=soon.isoformat())
    assert anonymous.get(f"/api/shared/{link['token']}/").status_code == 200
    ShareLink.objects.filter(pk=link["id"]).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert anonymous.get(f"/api/designs/{design['id']}/").status_code == 404
    assert anonymous.get(f"/api/shared/{link['token']}/").status_code == 404


def test_links_and_transfers_are_in_the_share_log(api: APIClient, design: dict[str, Any]) -> None:
    team = make_team(api)
    link = make_link(api, design)
    api.delete(f"/api/designs/{design['id']}/links/{link['id']}/")
    api.post(f"/api/designs/{design['id']}/transfer/", {"team": team["id"]}, format="json")
    log = api.get(f"/api/designs/{design['id']}/share-log/").json()["results"]
    assert [e["action"] for e in log] == [ShareEvent.TRANSFERRED, ShareEvent.LINK_REVOKED, ShareEvent.LINK_CREATED]
    assert log[0]["summary"] == "alice moved it to team Platform."
    assert Design.objects.get(pk=design["id"]).team_id is not None


def test_a_design_moves_only_to_a_team_its_mover_runs(
    api: APIClient, design: dict[str, Any], people: dict[str, APIClient]
) -> None:
    theirs = make_team(people["bob"], "Bob's")
    people["bob"].post(f"/api/teams/{theirs['id']}/members/", {"user": "alice"}, format="json")
    refused = api.post(f"/api/designs/{design['id']}/transfer/", {"team": theirs["id"]}, format="json")
    assert refused.status_code == 400 and fields(refused) == {"team"}
    assert Design.objects.get(pk=design["id"]).team_id is None
