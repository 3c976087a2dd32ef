"""A real Celery worker process on the real Redis, running tasks against the test database."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from designer.tasks import clear_expired_sessions
from tests.conftest import example, token_client
from tests.workers import running_worker, worker_database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def worker_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The worker's MEDIA_ROOT, where it stores rendered diagrams; a test reading them sets its own to match."""
    return tmp_path_factory.mktemp("worker-media")


@pytest.fixture(scope="module")
def worker(django_db_setup: Any, django_db_blocker: Any, worker_media: Path) -> Iterator[str]:
    """A `celery worker` process consuming this test run's queue, with the test database."""
    with django_db_blocker.unblock():
        database_url = worker_database_url()
    # The daily refresh task reads the Price List from here: the bundled files, in the bulk API's layout.
    prices = {"PRICE_LIST_BASE_URL": settings.BUNDLED_PRICES_DIR.as_uri(), "PRICE_REGIONS": "us-east-1"}
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    with running_worker(f"test-{os.getpid()}@localhost", database_url, queue, worker_media, prices) as name:
        yield name


def _session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["who"] = "someone"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() + expires_in)
    return str(store.session_key)


def test_a_worker_clears_expired_sessions_and_keeps_live_ones(worker: str) -> None:
    expired = _session(timedelta(days=-1))
    live = _session(timedelta(days=1))
    assert clear_expired_sessions.delay().get(timeout=60) == 1
    assert not Session.objects.filter(session_key=expired).exists()
    assert Session.objects.filter(session_key=live).exists()
    assert clear_expired_sessions.delay().get(timeout=60) == 0  # idempotent


def test_healthz_is_ok_when_database_redis_and_a_worker_answer(worker: str, client: Any) -> None:
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert worker in body["checks"]["celery"]["workers"]
    assert body["checks"]["database"]["ok"] and body["checks"]["redis"]["ok"]


def test_a_worker_computes_an_estimate_fired_on_commit(worker: str, user: Any) -> None:
    import io

    from django.core.management import call_command

    from designer.models import CostEstimate
    from designer.services.designs import create_design
    from designer.services.estimates import pricing_settings, request_estimate
    from tests.conftest import example

    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    design, _ = create_design(owner=user, document=example("serverless-event-driven"))
    assert design.head is not None
    run, queued = request_estimate(design.head, pricing_settings(design.head.document))
    assert queued
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status in (CostEstimate.DONE, CostEstimate.FAILED):
            break
        time.sleep(0.1)
    assert run.status == CostEstimate.DONE, run.error
    assert run.result is not None and run.result["total_monthly"] == "59.28"


def test_the_refresh_task_loads_prices_on_a_worker_and_skips_them_the_second_time(worker: str) -> None:
    from designer.models import PriceSnapshot
    from designer.tasks import refresh_prices

    first = refresh_prices.delay(offers=["AWSLambda", "AmazonSNS"]).get(timeout=120)
    assert [(o["service_code"], o["region"], o["status"]) for o in first] == [
        ("AWSLambda", "us-east-1", "succeeded"),
        ("AmazonSNS", "us-east-1", "succeeded"),
    ]
    active = PriceSnapshot.objects.filter(status="active").values_list("service_code", flat=True)
    assert set(active) == {"AWSLambda", "AmazonSNS"}
    again = refresh_prices.delay(offers=["AWSLambda"]).get(timeout=120)
    assert again[0]["status"] == "skipped" and "already loaded" in again[0]["detail"]


def test_a_worker_renders_a_diagram_asked_for_through_the_api(
    worker: str, worker_media: Path, user: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = worker_media  # the web side reads the file the worker stored
    api = token_client(user)
    design = api.post("/api/designs/", {"document": example("three-tier-web-app")}, format="json").json()
    asked = api.post(f"/api/designs/{design['id']}/diagrams/", {"format": "png", "layout": "auto"}, format="json")
    assert asked.status_code == 202, asked.json()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = api.get(asked["Location"]).json()
        if status["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert status["status"] == "done", status["error"]
    download = api.get(status["file_url"])
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    data = b"".join(download.streaming_content)
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) == status["size"]
