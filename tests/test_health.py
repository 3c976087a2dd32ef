"""/healthz when something is missing: 503 and which part is down."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_healthz_is_503_and_names_redis_when_redis_is_unreachable(client: Any) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"] is True
    assert checks["redis"]["ok"] is False and "Error" in checks["redis"]["error"]
    assert checks["celery"] == {"ok": False, "error": "Redis is unreachable"}


def test_healthz_is_503_when_no_worker_answers(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from config.celery import app

    # A developer's `make run` worker may share this Redis; a real ping addressed to a worker name that
    # cannot exist gets no reply, which is what "no worker" looks like.
    original = app.control.ping
    monkeypatch.setattr(app.control, "ping", lambda timeout=1.0: original(destination=["nobody@nowhere"], timeout=0.3))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["celery"]["ok"] is False
    assert "no worker answered" in response.json()["checks"]["celery"]["error"]


def test_healthz_needs_no_login_and_only_answers_get(client: Any) -> None:
    assert client.post("/healthz").status_code == 405
