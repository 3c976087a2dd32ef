"""manage.py estimate FILE: the cost of a design file from the price data in the database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.django_db
SERVERLESS = str(EXAMPLES / "serverless-event-driven.json")


@pytest.fixture(autouse=True)
def bundled_prices() -> None:
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("estimate", *args, stdout=out)
    return out.getvalue()


def test_the_table_shows_each_line_the_services_and_the_total() -> None:
    text = run(SERVERLESS)
    assert "orders-handler" in text and "Requests (Arm)" in text
    assert "AWS Step Functions" in text
    # 1,000,000 transitions (100,000 executions x 10) x $0.025 per 1,000 = $25.00, the largest service
    assert text.index("AWS Step Functions") < text.index("Amazon S3")
    assert "Total per month: $59.28" in text


def test_json_and_csv_carry_the_same_total() -> None:
    as_json = json.loads(run(SERVERLESS, "--format", "json"))
    rows = list(csv.DictReader(io.StringIO(run(SERVERLESS, "--format", "csv"))))
    assert as_json["total_monthly"] == "59.28" == rows[-1]["monthly_usd"]
    assert len(rows) == len(as_json["lines"]) + len(as_json["unpriced"]) + 1


def test_a_pricing_model_and_a_region_can_be_chosen() -> None:
    reserved = json.loads(
        run(str(EXAMPLES / "three-tier-web-app.json"), "--format", "json", "--pricing-model", "reserved_1y_no_upfront")
    )
    assert reserved["settings"]["pricing_model"] == "reserved_1y_no_upfront"
    elsewhere = json.loads(run(SERVERLESS, "--format", "json", "--region", "eu-central-1"))
    assert elsewhere["missing_regions"] == ["eu-central-1"]
    # named zones move with the design, so a VPC design stays valid in another region
    ireland = json.loads(run(str(EXAMPLES / "three-tier-web-app.json"), "--format", "json", "--region", "eu-west-1"))
    assert "eu-west-1" not in ireland["missing_regions"] and ireland["lines"]
    assert any("no price data for eu-central-1; run refresh_prices" in u["reason"] for u in elsewhere["unpriced"])


def test_an_invalid_design_fails_with_its_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "type": "aws-architecture-design",
                "version": 1,
                "name": "x",
                "region": "us-east-1",
                "nodes": [{"id": "a", "kind": "aws.ec2.instance", "label": "a"}],
                "edges": [],
            }
        )
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("estimate", str(bad), stdout=io.StringIO(), stderr=err)
    assert caught.value.returncode == 1
    assert "node a" in err.getvalue() and "must sit in" in err.getvalue()
