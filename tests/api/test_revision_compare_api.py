"""GET /api/designs/{id}/revisions/compare/?from=N&to=M: what changed between two revisions, in the design, in its
monthly cost, and in its CloudFormation stack."""

from __future__ import annotations

import copy
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_revisions(api: APIClient, design: dict[str, Any]) -> dict[str, Any]:
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    changed = copy.deepcopy(design["document"])
    changed["nodes"] = [n for n in changed["nodes"] if n["id"] != "cache"]
    changed["edges"] = [e for e in changed["edges"] if "cache" not in (e["source"], e["target"])]
    for node in changed["nodes"]:
        if node["id"] == "db":
            node["props"]["instance_class"] = "db.r6g.xlarge"
    saved = api.put(f"/api/designs/{design['id']}/", {"document": changed, "base_revision": 1}, format="json")
    assert saved.status_code == 200
    return design


def test_two_revisions_are_compared_in_the_design_the_cost_and_the_stack(
    api: APIClient, two_revisions: dict[str, Any]
) -> None:
    response = api.get(f"/api/designs/{two_revisions['id']}/revisions/compare/?from=1&to=2")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["from"], body["to"]) == (1, 2)
    assert [n["id"] for n in body["changes"]["nodes"]["removed"]] == ["cache"]
    [db] = [n for n in body["changes"]["nodes"]["changed"] if n["id"] == "db"]
    assert {"field": "props.instance_class", "before": "db.r6g.large", "after": "db.r6g.xlarge"} in db["changes"]
    cost = body["cost"]
    before, after, difference = (Decimal(cost[k]) for k in ("from_monthly", "to_monthly", "difference_monthly"))
    assert before > 0 and after > 0 and difference == after - before
    assert difference != 0, "a bigger database and no cache cost something different"
    stack = body["cloudformation"]
    assert "to remove" in stack["summary"]
    assert any(r["action"] == "remove" for r in stack["resources"])


def test_without_numbers_it_compares_the_newest_with_the_one_before(
    api: APIClient, two_revisions: dict[str, Any]
) -> None:
    body = api.get(f"/api/designs/{two_revisions['id']}/revisions/compare/").json()
    assert (body["from"], body["to"]) == (1, 2)


@pytest.mark.parametrize(("query", "field"), [("from=9", "from"), ("to=x", "to"), ("from=-1", "from")])
def test_a_bad_revision_number_names_the_parameter(
    api: APIClient, two_revisions: dict[str, Any], query: str, field: str
) -> None:
    response = api.get(f"/api/designs/{two_revisions['id']}/revisions/compare/?{query}")
    assert response.status_code == 400
    assert field in {e["field"] for e in response.json()["errors"]}


def test_strangers_get_404(stranger_api: APIClient, design: dict[str, Any]) -> None:
    assert stranger_api.get(f"/api/designs/{design['id']}/revisions/compare/").status_code == 404
