"""Comments on a design: listed oldest first, optionally pinned to a node of the design, deleted by their author
only; a stranger learns nothing (404)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from designer.models import Comment, Design

pytestmark = pytest.mark.django_db


def url(design: dict[str, Any]) -> str:
    return f"/api/designs/{design['id']}/comments/"


def test_comments_are_added_pinned_or_not_and_listed_oldest_first(api: APIClient, design: dict[str, Any]) -> None:
    first = api.post(url(design), {"body": "  Looks good overall.  "}, format="json")
    assert first.status_code == 201, first.content
    assert first.json()["body"] == "Looks good overall." and first.json()["node"] == ""
    assert first.json()["author"] == "alice"
    pinned = api.post(url(design), {"body": "Multi-AZ here?", "node": "db"}, format="json")
    assert pinned.status_code == 201 and pinned.json()["node"] == "db"
    listed = api.get(url(design)).json()
    assert [c["body"] for c in listed] == ["Looks good overall.", "Multi-AZ here?"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": "   "}, "body"),
        ({}, "body"),
        ({"body": "x" * 4001}, "body"),
        ({"body": "hi", "node": "no-such-node"}, "node"),
        ({"body": "hi", "node": "x" * 65}, "node"),
        ({"body": ["not", "text"]}, "body"),
    ],
)
def test_a_bad_comment_is_refused_naming_the_field(
    api: APIClient, design: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    response = api.post(url(design), body, format="json")
    assert response.status_code == 400
    assert field in {e["field"] for e in response.json()["errors"]}
    assert Comment.objects.count() == 0


def test_only_the_author_deletes_a_comment(api: APIClient, design: dict[str, Any]) -> None:
    made = api.post(url(design), {"body": "mine"}, format="json").json()
    other = get_user_model().objects.create_user("carol", password="pw")
    comment = Comment.objects.get(pk=made["id"])
    comment.author = other
    comment.save()
    assert api.delete(f"{url(design)}{made['id']}/").status_code == 403
    comment.author = Design.objects.get(pk=design["id"]).owner
    comment.save()
    assert api.delete(f"{url(design)}{made['id']}/").status_code == 204
    assert api.delete(f"{url(design)}{made['id']}/").status_code == 404


def test_strangers_get_404_and_learn_nothing(stranger_api: APIClient, api: APIClient, design: dict[str, Any]) -> None:
    made = api.post(url(design), {"body": "private"}, format="json").json()
    assert stranger_api.get(url(design)).status_code == 404
    assert stranger_api.post(url(design), {"body": "hello"}, format="json").status_code == 404
    assert stranger_api.delete(f"{url(design)}{made['id']}/").status_code == 404
