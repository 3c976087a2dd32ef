"""Cost estimates through the API: asking, reading, downloading, reuse, and who may see them."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from designer.models import CostEstimate
from designer.services.estimates import compute_estimate

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundled_prices() -> None:
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())


def ask(api: APIClient, design: dict[str, Any], **body: Any) -> Any:
    return api.post(f"/api/designs/{design['id']}/estimates/", body, format="json")


def test_asking_queues_an_estimate_and_the_status_url_gives_the_result(
    api: APIClient, design: dict[str, Any], bundled_prices: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as queued:
        response = ask(api, design)
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "pending" and body["result"] is None and body["revision"] == 1
    assert len(queued) == 1  # the worker is asked only once the transaction commits
    compute_estimate(body["id"])  # what the worker runs (a real worker runs it in tests/test_worker.py)
    done = api.get(body["url"]).json()
    assert done["status"] == "done"
    result = done["result"]
    assert result["currency"] == "USD"
    assert (
        result["by_node"]["db"] == "391.60"
    )  # 2 x db.r6g.large Aurora x 730 h x 0.26 + 100 GB x 0.10 + 10 M I/O x 0.20
    parts = [Decimal(v) for v in [*result["by_node"].values(), *result["by_connection"].values()]]
    # The total is summed before rounding, so it may differ from the sum of the rounded parts by rounding only.
    assert abs(Decimal(result["total_monthly"]) - sum(parts)) <= Decimal("0.005") * len(parts)
    assert {a["field"] for a in result["assumptions"] if a["node"] == "web" and a["default"]} == {"monthly_hours"}


def test_the_same_revision_and_settings_reuse_the_estimate(api: APIClient, design: dict[str, Any]) -> None:
    first = ask(api, design).json()
    again = ask(api, design).json()
    other = ask(api, design, pricing_model="reserved_1y_no_upfront").json()
    assert again["id"] == first["id"]
    assert other["id"] != first["id"] and other["settings"]["pricing_model"] == "reserved_1y_no_upfront"
    assert CostEstimate.objects.count() == 2


def test_a_new_revision_gets_a_new_estimate(api: APIClient, design: dict[str, Any]) -> None:
    first = ask(api, design).json()
    api.patch(f"/api/designs/{design['id']}/", {"name": "renamed", "base_revision": 1}, format="json")
    second = ask(api, design).json()
    assert second["revision"] == 2 and second["id"] != first["id"]
    assert ask(api, design, revision=1).json()["id"] == first["id"]


def test_an_unknown_revision_or_setting_is_refused_with_the_field_named(api: APIClient, design: dict[str, Any]) -> None:
    response = ask(api, design, revision=9)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "revision"
    response = ask(api, design, pricing_model="free", spot_discount_percent=150)
    assert {e["field"] for e in response.json()["errors"]} == {"pricing_model", "spot_discount_percent"}


def test_a_stranger_can_neither_ask_for_nor_read_an_estimate(
    api: APIClient, stranger_api: APIClient, design: dict[str, Any]
) -> None:
    run = ask(api, design).json()
    assert ask(stranger_api, design).status_code == 404
    assert stranger_api.get(run["url"]).status_code == 404
    assert stranger_api.get(run["csv_url"]).status_code == 404


def test_the_csv_download_waits_for_the_result_then_lists_every_line(
    api: APIClient, design: dict[str, Any], bundled_prices: None
) -> None:
    run = ask(api, design).json()
    waiting = api.get(run["csv_url"])
    assert waiting.status_code == 409 and waiting.json()["type"] == "not_ready"
    compute_estimate(run["id"])
    response = api.get(run["csv_url"])
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="estimate-Three-tier-web-app-r1.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    result = api.get(run["url"]).json()["result"]
    assert len(rows) == len(result["lines"]) + len(result["unpriced"]) + 1
    assert rows[-1]["item"] == "Total per month" and rows[-1]["monthly_usd"] == result["total_monthly"]
    as_json = api.get(run["json_url"])
    assert as_json["Content-Disposition"] == 'attachment; filename="estimate-Three-tier-web-app-r1.json"'
    assert json.loads(as_json.content) == result
    assert result["oldest_price_date"] == "2026-07-20T13:44:30Z"  # the EC2 instance prices (karpenter table)


def test_without_price_data_the_estimate_names_what_is_missing(api: APIClient, design: dict[str, Any]) -> None:
    run = ask(api, design).json()
    result = compute_estimate(run["id"]).result
    assert result is not None
    assert result["lines"] == [] and result["total_monthly"] == "0.00"
    assert "us-east-1" in result["missing_regions"]
    assert all("run refresh_prices" in u["reason"] for u in result["unpriced"])


def test_price_status_and_instance_types_come_from_the_loaded_data(api: APIClient, bundled_prices: None) -> None:
    status = api.get("/api/prices/status/").json()
    ec2 = next(s for s in status if s["service_code"] == "AmazonEC2" and s["region"] == "us-east-1")
    assert ec2["source"] == "bundled" and ec2["publication_date"] == "2026-07-20T13:44:30Z"
    types = {t["instance_type"]: t for t in api.get("/api/prices/instance-types/?region=us-east-1").json()}
    assert types["m5.large"]["hourly_usd"] == "0.096"
    unpriced = api.get("/api/prices/instance-types/?region=eu-central-1").json()
    assert all(t["hourly_usd"] is None for t in unpriced)
    bad = api.get("/api/prices/instance-types/?region=mars-1")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "region"
