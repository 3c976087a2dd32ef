"""manage.py review: the findings as a table or JSON, and exit 1 exactly when one is an error."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.advice.rule_cases import tiered_network


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
