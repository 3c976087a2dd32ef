"""The architect's review over the API: findings on a revision and on validation, a fix previewed with its cost
effect (priced from the bundled price data), and a fix applied as a new revision that no longer has the finding."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from designer.models import Design
from tests.advice.rule_cases import tiered_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def single_az(api: APIClient) -> dict[str, Any]:
    """A design whose RDS database runs without Multi-AZ."""
    response = api.post("/api/designs/", {"document": tiered_network("isolated", multi_az=False)}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def findings(api: APIClient, design: dict[str, Any], **query: Any) -> list[dict[str, Any]]:
    response = api.get(f"/api/designs/{design['id']}/findings/", query)
    assert response.status_code == 200, response.content
    return response.json()["findings"]  # type: ignore[no-any-return]


def test_a_revision_s_findings_name_the_rule_its_source_the_nodes_and_the_fix(
    api: APIClient, single_az: dict[str, Any]
) -> None:
    (finding,) = [f for f in findings(api, single_az) if f["rule"] == "rds-single-az"]
    assert finding["id"] == "rds-single-az:db" and finding["severity"] == "warning" and finding["nodes"] == ["db"]
    assert finding["source_url"].startswith("https://docs.aws.amazon.com/")
    assert finding["fix"] == {
        "title": "Turn on Multi-AZ",
        "changes": [{"op": "set", "node": "db", "field": "props.multi_az", "value": True}],
    }


def test_validation_reports_the_findings_too_without_blocking(api: APIClient) -> None:
    body = api.post(
        "/api/designs/validate/", {"document": tiered_network("public", multi_az=False)}, format="json"
    ).json()
    assert body["valid"] is True
    assert {"database-in-public-subnet", "rds-single-az"} <= {f["rule"] for f in body["findings"]}


def test_a_fix_preview_shows_the_change_and_what_it_does_to_the_monthly_cost(
    api: APIClient, single_az: dict[str, Any]
) -> None:
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    preview = api.post(
        f"/api/designs/{single_az['id']}/findings/preview/", {"finding": "rds-single-az:db"}, format="json"
    ).json()
    (change,) = preview["changes"]["nodes"]["changed"]
    assert change["id"] == "db" and change["changes"] == [{"field": "props.multi_az", "before": False, "after": True}]
    cost = preview["cost"]
    before, after = Decimal(cost["from_monthly"]), Decimal(cost["to_monthly"])
    # Multi-AZ doubles the instance hours and the storage (a standby in another zone).
    assert after > before > 0 and Decimal(cost["difference_monthly"]) == after - before
    assert Design.objects.get(pk=single_az["id"]).head.number == 1  # nothing saved


def test_applying_a_fix_saves_a_revision_without_the_finding(api: APIClient, single_az: dict[str, Any]) -> None:
    url = f"/api/designs/{single_az['id']}/findings/apply/"
    applied = api.post(url, {"finding": "rds-single-az:db", "base_revision": 1}, format="json")
    assert applied.status_code == 200, applied.content
    assert applied.json()["revision"]["number"] == 2
    assert applied.json()["revision"]["message"] == "Fix: Turn on Multi-AZ (rds-single-az)"
    assert "rds-single-az" not in {f["rule"] for f in findings(api, single_az)}
    assert "rds-single-az" in {f["rule"] for f in findings(api, single_az, revision=1)}
    again = api.post(url, {"finding": "rds-single-az:db", "base_revision": 2}, format="json")
    assert again.status_code == 400 and again.json()["errors"][0]["field"] == "finding"


def test_a_fix_on_a_stale_base_is_refused_with_409(api: APIClient, single_az: dict[str, Any]) -> None:
    api.patch(f"/api/designs/{single_az['id']}/", {"name": "Renamed", "base_revision": 1}, format="json")
    response = api.post(
        f"/api/designs/{single_az['id']}/findings/apply/",
        {"finding": "rds-single-az:db", "base_revision": 1},
        format="json",
    )
    assert response.status_code == 409 and response.json()["head"]["number"] == 2
    assert Design.objects.get(pk=single_az["id"]).head.number == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "finding"),
        ({"finding": "rds-single-az:nope"}, "finding"),
        ({"finding": "rds-single-az:db", "revision": 9}, "revision"),
    ],
)
def test_a_bad_preview_names_the_field(
    api: APIClient, single_az: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    response = api.post(f"/api/designs/{single_az['id']}/findings/preview/", body, format="json")
    assert response.status_code == 400 and field in {e["field"] for e in response.json()["errors"]}


def test_a_bad_revision_query_names_the_field(api: APIClient, single_az: dict[str, Any]) -> None:
    for raw in ("x", "7"):
        response = api.get(f"/api/designs/{single_az['id']}/findings/", {"revision": raw})
        assert response.status_code == 400 and response.json()["errors"][0]["field"] == "revision"


@pytest.fixture
def costly(api: APIClient) -> dict[str, Any]:
    """An m5.large instance on demand with a gp2 root volume, in us-east-1 (bundled prices loaded)."""
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    document = tiered_network("isolated")
    document["nodes"].append(
        {
            "id": "web",
            "kind": "aws.ec2.instance",
            "label": "web",
            "parent": "isolated-a",
            "props": {"instance_type": "m5.large", "root_volume_type": "gp2", "root_volume_size_gb": 100},
        }
    )
    response = api.post("/api/designs/", {"document": document}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_suggestions_state_their_monthly_saving_from_the_price_data(api: APIClient, costly: dict[str, Any]) -> None:
    body = api.get(f"/api/designs/{costly['id']}/suggestions/").json()
    by_id = {x["id"]: x for x in body["suggestions"]}
    # Hand-computed from data/aws-facts (us-east-1 list prices): m5.large $0.096/h on demand; m6g.large $0.077/h;
    # 3-year all upfront reserved m5.large $949 (36 months); gp2 $0.10 and gp3 $0.08 per GB-month.
    assert by_id["graviton:web"]["monthly_saving"] == "13.87"  # (0.096 - 0.077) x 730
    assert by_id["commitment-3y:web"]["monthly_saving"] == "43.72"  # 70.08 - 949 / 36
    assert by_id["commitment-1y:web"]["monthly_saving"] == "28.91"  # 70.08 - 494 / 12 (all upfront is best)
    assert by_id["gp3:web"]["monthly_saving"] == "2.00"  # 100 GB x (0.10 - 0.08)
    assert "Saves $13.87 a month" in by_id["graviton:web"]["message"]
    savings = [Decimal(x["monthly_saving"]) for x in body["suggestions"]]
    assert savings == sorted(savings, reverse=True)


def test_a_suggestion_is_previewed_and_applied_as_a_new_revision(api: APIClient, costly: dict[str, Any]) -> None:
    url = f"/api/designs/{costly['id']}/findings/"
    preview = api.post(url + "preview/", {"suggestion": "graviton:web"}, format="json").json()
    assert preview["cost"]["difference_monthly"] == "-13.87" and preview["suggestion"]["id"] == "graviton:web"
    applied = api.post(url + "apply/", {"suggestion": "graviton:web", "base_revision": 1}, format="json")
    assert applied.status_code == 200 and applied.json()["revision"]["message"] == "Fix: Use m6g.large (graviton)"
    web = next(n for n in applied.json()["document"]["nodes"] if n["id"] == "web")
    assert web["props"]["instance_type"] == "m6g.large"
    left = {x["id"] for x in api.get(f"/api/designs/{costly['id']}/suggestions/").json()["suggestions"]}
    assert "graviton:web" not in left and "gp3:web" in left


def test_naming_both_or_neither_a_finding_and_a_suggestion_is_refused(api: APIClient, costly: dict[str, Any]) -> None:
    url = f"/api/designs/{costly['id']}/findings/apply/"
    for body in ({"base_revision": 1}, {"finding": "x", "suggestion": "y", "base_revision": 1}):
        response = api.post(url, body, format="json")
        assert response.status_code == 400 and response.json()["errors"][0]["field"] == "finding"
