"""manage.py review: the findings as a table or JSON, and exit 1 exactly when one is an error."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.advice.rule_cases import tiered_network

pytestmark = pytest.mark.django_db  # the suggestions read the loaded price data


def write(tmp_path: Path, document: dict) -> str:
    path = tmp_path / "design.json"
    path.write_text(json.dumps(document))
    return str(path)


def test_an_error_level_finding_fails_the_review_and_the_table_says_why(tmp_path: Path) -> None:
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("review", write(tmp_path, tiered_network("public", multi_az=False)), stdout=out)
    assert caught.value.returncode == 1 and "1 error-level finding" in str(caught.value)
    text = out.getvalue()
    assert "database-in-public-subnet" in text and "fix: Turn on Multi-AZ" in text
    assert "see https://docs.aws.amazon.com/" in text


def test_warnings_alone_pass_and_json_lists_every_finding(tmp_path: Path) -> None:
    out = StringIO()
    call_command("review", write(tmp_path, tiered_network("isolated", multi_az=False)), "--format", "json", stdout=out)
    findings = json.loads(out.getvalue())["findings"]
    assert "rds-single-az:db" in {f["id"] for f in findings}
    assert all(f["severity"] != "error" for f in findings)


def test_an_invalid_file_is_reported_and_fails(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("review", write(tmp_path, {"type": "nope"}), stdout=StringIO(), stderr=StringIO())
    assert caught.value.returncode == 1 and "not a valid design" in str(caught.value)


def test_the_review_lists_cost_savings_from_the_loaded_prices(tmp_path: Path) -> None:
    call_command("refresh_prices", "--bundled", stdout=StringIO())
    document = tiered_network("isolated")
    document["nodes"].append(
        {
            "id": "web",
            "kind": "aws.ec2.instance",
            "label": "web",
            "parent": "isolated-a",
            "props": {"instance_type": "m5.large"},
        }
    )
    out = StringIO()
    call_command("review", write(tmp_path, document), "--format", "json", stdout=out)
    savings = {x["id"]: x["monthly_saving"] for x in json.loads(out.getvalue())["suggestions"]}
    assert savings["graviton:web"] == "13.87" and savings["commitment-3y:web"] == "43.72"
    table = StringIO()
    call_command("review", write(tmp_path, document), stdout=table)
    assert "$13.87  “web” can run on m6g.large instead of m5.large. Saves $13.87 a month." in table.getvalue()
