"""POST /api/designs/{id}/presence/: who else has a design open, through the real Redis."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from designer.models import Design
from designer.services import presence

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_presence(design: dict[str, Any]) -> Any:
    yield
    caches["presence"].delete(f"design:{design['id']}")


def test_each_editor_hears_who_else_has_the_design_open(api: APIClient, design: dict[str, Any]) -> None:
    url = f"/api/designs/{design['id']}/presence/"
    first = api.post(url)
    assert first.status_code == 200
    assert first.json() == {"available": True, "others": []}, "alone, alice hears nobody"
    presence.heartbeat(Design.objects.get(pk=design["id"]), "bob")
    answer = api.post(url).json()
    assert [o["username"] for o in answer["others"]] == ["bob"]
    assert answer["others"][0]["seen_seconds_ago"] <= 1


def test_someone_silent_for_longer_than_the_window_has_left() -> None:
    design = Design(pk="00000000-0000-0000-0000-000000000001")
    caches["presence"].delete("design:00000000-0000-0000-0000-000000000001")
    presence.heartbeat(design, "bob", now=1000.0)
    assert [o["username"] for o in presence.heartbeat(design, "alice", now=1010.0) or []] == ["bob"]
    assert presence.heartbeat(design, "alice", now=1000.0 + presence.PRESENCE_SECONDS + 1) == []
    caches["presence"].delete("design:00000000-0000-0000-0000-000000000001")


def test_strangers_get_404_and_learn_nothing(stranger_api: APIClient, design: dict[str, Any]) -> None:
    assert stranger_api.post(f"/api/designs/{design['id']}/presence/").status_code == 404


def test_an_unreachable_presence_store_reports_nobody(api: APIClient, design: dict[str, Any], settings: Any) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "presence": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    answer = api.post(f"/api/designs/{design['id']}/presence/")
    assert answer.status_code == 200 and answer.json() == {"available": False, "others": []}
