"""The command line: catalog, validate_design, sync_catalog and seed_demo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from designer.catalog import CATALOG
from designer.models import ComponentKind, Design, Team
from tests.conftest import EXAMPLES, ROOT


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_catalog_json_lists_every_kind_with_its_cloudformation_types() -> None:
    rows = json.loads(run("catalog", "--json"))
    assert [r["kind"] for r in rows] == list(CATALOG.kinds)
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["aws.lambda.function"]["cfn_types"][0] == "AWS::Lambda::Function"
    assert by_kind["aws.lambda.function"]["category"] == "compute"


def test_catalog_table_groups_kinds_by_category() -> None:
    text = run("catalog")
    assert "Compute" in text and "aws.ec2.instance" in text and "AWS::EC2::Instance" in text
    assert text.strip().endswith(f"{len(CATALOG.kinds)} kinds, {len(CATALOG.connections)} allowed connections")


def test_validate_design_accepts_the_examples() -> None:
    files = sorted(str(p) for p in EXAMPLES.glob("*.json"))
    text = run("validate_design", *files)
    assert text.count(": valid") == 3


def test_validate_design_prints_every_problem_with_its_node_and_fails(tmp_path: Path) -> None:
    doc = json.loads((EXAMPLES / "three-tier-web-app.json").read_text())
    doc["nodes"].append({"id": "stray", "kind": "aws.ec2.instance", "label": "stray"})
    doc["edges"].append({"id": "bad-edge", "source": "assets", "target": "stray"})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc))
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("validate_design", str(path), stdout=out)
    assert caught.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert any("node stray" in line and "must sit in" in line for line in lines)
    assert any("edge bad-edge" in line and "cannot connect" in line for line in lines)


def test_validate_design_exits_1_from_the_shell(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    good = EXAMPLES / "hybrid-connectivity.json"
    env = {**os.environ, "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "validate_design", str(good), str(bad), str(tmp_path / "nope.json")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert f"{good}: valid" in result.stdout
    assert "Not valid JSON" in result.stdout
    assert "cannot read" in result.stderr and "2 of 3 files are not valid designs" in result.stderr


@pytest.mark.django_db
def test_sync_catalog_is_idempotent_and_restores_edited_rows() -> None:
    assert ComponentKind.objects.count() == len(CATALOG.kinds)  # the data migration filled it
    assert run("sync_catalog").startswith(f"catalog synced: 0 created, 0 updated, {len(CATALOG.kinds)} unchanged")
    ComponentKind.objects.filter(kind="aws.s3.bucket").update(label="Bucket!")
    ComponentKind.objects.create(kind="aws.retired.thing", label="Old", category="compute", service="x", icon="x")
    text = run("sync_catalog")
    assert "1 updated" in text and "1 deactivated" in text
    assert ComponentKind.objects.get(kind="aws.s3.bucket").label == "S3 bucket"
    assert ComponentKind.objects.get(kind="aws.retired.thing").active is False


@pytest.mark.django_db
def test_seed_demo_creates_the_demo_user_with_the_examples_once(client: Any) -> None:
    first = run("seed_demo")
    assert "demo login: demo / demo; 3 example designs created" in first
    assert "0 example designs created, 3 already there" in run("seed_demo")
    assert Design.objects.filter(owner__username="demo").count() == 3
    assert client.login(username="demo", password="demo")


@pytest.mark.django_db
def test_seed_demo_gives_a_reviewer_a_design_shared_as_viewer_once(client: Any) -> None:
    assert "demo-reviewer / demo sees a design shared with it" in run("seed_demo")
    run("seed_demo")
    shared = Design.objects.filter(shares__user__username="demo-reviewer", shares__role="viewer")
    assert shared.count() == 1 and shared.get().owner.username == "demo"
    assert Team.objects.get(name="Demo team").memberships.count() == 2
    assert client.login(username="demo-reviewer", password="demo")
