"""Every API endpoint against every kind of caller: anonymous, the design's owner, a member of the team it belongs
to, an editor and a viewer it is shared with, a share link holder and a stranger, each with the status expected.

The world: team Platform (owner alice, members tom and mia) owns the three-tier design; it is shared with eddie
as editor and with team Reviewers (vera) as viewer; a share link to it was opened by an anonymous browser session.
A stranger (mallory) gets 404 on all of it, so a design's existence never leaks; viewers and link holders read
and download but never write. A test at the end checks the table names every route and method of the API.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern
from rest_framework.test import APIClient

from api import urls as api_urls
from designer.models import Comment, Design, Membership, Share, Team
from designer.services import sharing
from designer.services.designs import create_design
from designer.services.diagrams import DiagramOptions, request_render
from designer.services.estimates import compute_estimate, pricing_settings, request_estimate
from designer.tasks import render_diagram
from tests.conftest import example, token_client

pytestmark = pytest.mark.django_db

CALLERS = ["anonymous", "owner", "team_member", "editor", "viewer", "link_holder", "stranger"]


class World:
    """Built afresh for each case; the estimate and the diagram (the slow parts) only when a case names them."""

    def __init__(self, design: Design, team: Team, other: Any, share: Share, link: Any, token: str) -> None:
        self.design, self.team, self.other, self.share, self.link, self.token = design, team, other, share, link, token
        self.comment = Comment.objects.create(design=design, author=design_owner(team), body="Mine.")
        self.clients: dict[str, APIClient] = {}

    @functools.cached_property
    def estimate(self) -> str:
        assert self.design.head is not None
        run, _ = request_estimate(self.design.head, pricing_settings(self.design.head.document))
        compute_estimate(str(run.pk))
        return str(run.pk)

    @functools.cached_property
    def diagram(self) -> str:
        assert self.design.head is not None
        run, _ = request_render(self.design.head, DiagramOptions(format="drawio", layout="auto", dpi=96, costs=False))
        render_diagram(str(run.pk))
        return str(run.pk)


def design_owner(team: Team) -> Any:
    return team.memberships.get(role=Membership.OWNER).user


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> World:
    settings.MEDIA_ROOT = str(tmp_path)
    users = get_user_model().objects
    alice, tom, mia, eddie, vera, mallory = (
        users.create_user(name, f"{name}@example.com")  # no password: tokens sign them in, and hashing is slow
        for name in ("alice", "tom", "mia", "eddie", "vera", "mallory")
    )
    team = sharing.create_team(name="Platform", creator=alice)
    Membership.objects.create(team=team, user=tom, role=Membership.MEMBER)
    Membership.objects.create(team=team, user=mia, role=Membership.MEMBER)
    reviewers = sharing.create_team(name="Reviewers", creator=vera)
    design, _ = create_design(owner=alice, team=team, document=example("three-tier-web-app"))
    share, _ = sharing.share_design(design=design, by=alice, role="editor", user="eddie")
    sharing.share_design(design=design, by=alice, role="viewer", team=reviewers)
    link, token = sharing.create_link(design=design, by=alice)
    world = World(design, team, mia, share, link, token)
    holder = APIClient()
    assert holder.get(f"/api/shared/{token}/").status_code == 200
    world.clients = {
        "anonymous": APIClient(),
        "owner": token_client(alice),
        "team_member": token_client(tom),
        "editor": token_client(eddie),
        "viewer": token_client(vera),
        "link_holder": holder,
        "stranger": token_client(mallory),
    }
    return world


class _Lazy(dict[str, Any]):
    def __init__(self, world: World) -> None:
        super().__init__()
        self.world = world

    def __missing__(self, key: str) -> Any:
        w = self.world
        values = {
            "d": lambda: w.design.pk,
            "t": lambda: w.team.pk,
            "share": lambda: w.share.pk,
            "link": lambda: w.link.pk,
            "estimate": lambda: w.estimate,
            "diagram": lambda: w.diagram,
            "comment": lambda: w.comment.pk,
            "member": lambda: w.other.pk,
            "token": lambda: w.token,
        }
        return values[key]()


# What each kind of endpoint answers each caller; None: the endpoint's own success status.
SIGNED_IN = {"anonymous": 401, "link_holder": 401}
READ = {"anonymous": 401, "stranger": 404}
READ_SIGNED_IN = {"anonymous": 401, "link_holder": 401, "stranger": 404}
EDIT = {"anonymous": 401, "viewer": 403, "link_holder": 403, "stranger": 404}
MANAGE = {**EDIT, "editor": 403, "team_member": 403, "link_holder": 401}  # sharing is for signed-in owners
COMMENT_AUTHOR = {**READ_SIGNED_IN, "team_member": 403, "editor": 403, "viewer": 403}
TEAM_READ = {"anonymous": 401, "link_holder": 401, "editor": 404, "viewer": 404, "stranger": 404}
TEAM_MANAGE = {**TEAM_READ, "team_member": 403}
PUBLIC: dict[str, int] = {}
LINK_READ = {"anonymous": 401}  # needs no design, but a session or a link


@dataclass
class Call:
    route: str  # the URL pattern's name
    method: str
    path: str  # formatted with the world
    ok: int
    rules: dict[str, int]
    body: Any = None

    def url(self, w: World) -> str:
        return self.path.format_map(_Lazy(w))


D = "/api/designs/{d}/"
DOC = example("three-tier-web-app")
TEMPLATE = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
CALLS = [
    Call("design-list", "GET", "/api/designs/", 200, SIGNED_IN),
    Call("design-list", "POST", "/api/designs/", 201, SIGNED_IN, {"name": "New", "region": "us-east-1"}),
    Call("design-validate", "POST", "/api/designs/validate/", 200, LINK_READ, {"document": DOC}),
    Call("design-layout", "POST", "/api/designs/layout/", 200, SIGNED_IN, {"document": DOC}),
    Call("design-import", "POST", "/api/designs/import/", 201, SIGNED_IN, {"template": TEMPLATE}),
    Call("design-detail", "GET", D, 200, READ),
    Call("design-detail", "PUT", D, 200, EDIT, {"document": DOC, "base_revision": 1}),
    Call("design-detail", "PATCH", D, 200, EDIT, {"name": "Renamed", "base_revision": 1}),
    Call("design-detail", "DELETE", D, 204, {**MANAGE, "link_holder": 403}),
    Call("design-duplicate", "POST", D + "duplicate/", 201, READ_SIGNED_IN, {}),
    Call("revision-list", "GET", D + "revisions/", 200, READ),
    Call("revision-compare", "GET", D + "revisions/compare/?from=1&to=1", 200, READ),
    Call("revision-detail", "GET", D + "revisions/1/", 200, READ),
    Call("design-presence", "POST", D + "presence/", 200, READ_SIGNED_IN),
    Call("comment-list", "GET", D + "comments/", 200, READ_SIGNED_IN),
    Call("comment-list", "POST", D + "comments/", 201, READ_SIGNED_IN, {"body": "Looks good."}),
    Call("comment-detail", "DELETE", D + "comments/{comment}/", 204, COMMENT_AUTHOR),
    Call("finding-list", "GET", D + "findings/", 200, READ),
    Call("suggestion-list", "GET", D + "suggestions/", 200, READ),
    # A finding the design does not have: a 400 shows the caller got past the access check.
    Call("fix-preview", "POST", D + "findings/preview/", 400, READ, {"finding": "no-such-rule:db"}),
    Call(
        "fix-apply",
        "POST",
        D + "findings/apply/",
        400,
        {**EDIT, "link_holder": 401},
        {"finding": "no-such-rule:db", "base_revision": 1},
    ),
    Call("share-list", "GET", D + "shares/", 200, MANAGE),
    Call("share-list", "POST", D + "shares/", 201, MANAGE, {"user": "mallory", "role": "viewer"}),
    Call("share-detail", "PATCH", D + "shares/{share}/", 200, MANAGE, {"role": "viewer"}),
    Call("share-detail", "DELETE", D + "shares/{share}/", 204, MANAGE),
    Call("link-list", "GET", D + "links/", 200, MANAGE),
    Call("link-list", "POST", D + "links/", 201, MANAGE, {}),
    Call("link-detail", "DELETE", D + "links/{link}/", 204, MANAGE),
    Call("share-log", "GET", D + "share-log/", 200, MANAGE),
    Call("design-transfer", "POST", D + "transfer/", 200, MANAGE, {"team": None}),
    Call("design-template", "GET", D + "cloudformation.yaml", 200, READ),
    Call("revision-template", "GET", D + "revisions/1/cloudformation.json", 200, READ),
    Call("template-diff", "GET", D + "cloudformation/diff/?from=1&to=1", 200, READ),
    Call("estimate-request", "POST", D + "estimates/", 202, READ, {}),
    Call("estimate-detail", "GET", "/api/estimates/{estimate}/", 200, READ),
    Call("estimate-csv", "GET", "/api/estimates/{estimate}/csv/", 200, READ),
    Call("estimate-json", "GET", "/api/estimates/{estimate}/json/", 200, READ),
    Call("diagram-request", "POST", D + "diagrams/", 202, READ, {"format": "svg"}),
    Call("diagram-detail", "GET", "/api/diagrams/{diagram}/", 200, READ),
    Call("diagram-file", "GET", "/api/diagrams/{diagram}/file/", 200, READ),
    Call("price-status", "GET", "/api/prices/status/", 200, SIGNED_IN),
    Call("instance-types", "GET", "/api/prices/instance-types/", 200, LINK_READ),
    Call("palette", "GET", "/api/palette/", 200, LINK_READ),
    Call("example-list", "GET", "/api/examples/", 200, SIGNED_IN),
    Call("blueprint-list", "GET", "/api/blueprints/", 200, SIGNED_IN),
    Call("blueprint-document", "POST", "/api/blueprints/three-tier/", 200, SIGNED_IN, {"params": {}}),
    Call("me", "GET", "/api/me/", 200, SIGNED_IN),
    Call("token", "POST", "/api/auth/token/", 400, PUBLIC, {}),
    Call("design-schema", "GET", "/api/schema/design/", 200, PUBLIC),
    Call("schema", "GET", "/api/schema/", 200, PUBLIC),
    Call("docs", "GET", "/api/docs/", 200, PUBLIC),
    Call("team-list", "GET", "/api/teams/", 200, SIGNED_IN),
    Call("team-list", "POST", "/api/teams/", 201, SIGNED_IN, {"name": "New team"}),
    Call("team-detail", "GET", "/api/teams/{t}/", 200, TEAM_READ),
    Call("team-detail", "PATCH", "/api/teams/{t}/", 200, TEAM_MANAGE, {"name": "Platform team"}),
    Call("team-detail", "DELETE", "/api/teams/{t}/", 409, TEAM_MANAGE),  # it still owns the design
    Call("member-list", "POST", "/api/teams/{t}/members/", 201, TEAM_MANAGE, {"user": "vera@example.com"}),
    Call("member-detail", "PATCH", "/api/teams/{t}/members/{member}/", 200, TEAM_MANAGE, {"role": "admin"}),
    Call("member-detail", "DELETE", "/api/teams/{t}/members/{member}/", 204, TEAM_MANAGE),
    Call("shared-link", "GET", "/api/shared/{token}/", 200, PUBLIC),
]


def expected(call: Call, caller: str) -> int:
    return call.rules.get(caller, call.ok)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("call", CALLS, ids=lambda c: f"{c.method} {c.route}")
def test_each_caller_gets_the_status_their_role_allows(world: World, call: Call, caller: str) -> None:
    client = world.clients[caller]
    body = copy.deepcopy(call.body)
    response = client.generic(
        call.method,
        call.url(world),
        data=None if body is None else json.dumps(body),
        content_type="application/json",
    )
    want = expected(call, caller)
    assert response.status_code == want, (caller, call.method, call.url(world), response.content[:300])
    if want == 404 and call.path.startswith(D):
        # Not found says nothing about the design, not even that it exists.
        assert (
            str(world.design.pk) not in response.content.decode() and world.design.name not in response.content.decode()
        )


@pytest.mark.parametrize("caller", ["viewer", "link_holder", "editor", "team_member"])
def test_a_refused_write_changes_nothing(world: World, caller: str) -> None:
    client = world.clients[caller]
    client.delete(f"/api/designs/{world.design.pk}/")
    client.post(f"/api/designs/{world.design.pk}/shares/", {"user": caller, "role": "editor"}, format="json")
    if caller in ("viewer", "link_holder"):
        client.put(f"/api/designs/{world.design.pk}/", {"document": DOC, "base_revision": 1}, format="json")
    design = Design.objects.get(pk=world.design.pk)
    assert design.head is not None and design.head.number == 1
    assert design.shares.count() == 2


def test_the_table_names_every_route_and_method_of_the_api() -> None:
    routes = set()
    for pattern in api_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        view = pattern.callback.view_class  # type: ignore[attr-defined]
        for method in ("get", "post", "put", "patch", "delete"):
            if hasattr(view, method):
                routes.add((pattern.name, method.upper()))
    assert routes == {(c.route, c.method) for c in CALLS}
