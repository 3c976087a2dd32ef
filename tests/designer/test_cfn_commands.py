"""The CloudFormation command line: export_cfn writes a design file's template, import_cfn turns a template into
a design file that validates, and a template goes through both and comes back with the same resources."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from designer.cloudformation.yaml_io import load_template
from tests.conftest import EXAMPLES, ROOT

CORPUS = ROOT / "tests" / "fixtures" / "cfn-corpus"
THREE_TIER = EXAMPLES / "three-tier-web-app.json"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_cfn_prints_the_yaml_template_and_its_notes() -> None:
    out, err = run("export_cfn", str(THREE_TIER))

    template = load_template(out)
    assert out.startswith('AWSTemplateFormatVersion: "2010-09-09"')
    assert "AWS::ECS::Service" in {r["Type"] for r in template["Resources"].values()}
    for note in template["Metadata"]["AwsArchitectureDesigner"]["Notes"]:
        assert f"note: {note}" in err


def test_export_cfn_writes_json_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "stack.json"

    out, err = run("export_cfn", str(THREE_TIER), "--format", "json", "-o", str(target))

    assert out == ""
    template = json.loads(target.read_text())
    assert f"wrote {target}: {len(template['Resources'])} resources" in err
    assert template == load_template(run("export_cfn", str(THREE_TIER))[0])


def test_export_cfn_refuses_an_invalid_design_naming_its_problems(tmp_path: Path) -> None:
    broken = json.loads(THREE_TIER.read_text())
    broken["nodes"].append({"id": "stray", "kind": "aws.ec2.instance", "label": "stray"})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    err = StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("export_cfn", str(path), stdout=StringIO(), stderr=err)

    assert caught.value.returncode == 1
    assert "is not a valid design" in str(caught.value)
    assert "node stray" in err.getvalue()


def test_export_cfn_says_when_it_cannot_read_the_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        run("export_cfn", str(tmp_path / "missing.json"))


def test_import_cfn_prints_a_design_that_validates_and_reports_to_stderr(tmp_path: Path) -> None:
    source = CORPUS / "EC2_EC2InstanceWithSecurityGroupSample.yaml"

    out, err = run("import_cfn", str(source), "--name", "Web server")

    design = json.loads(out)
    assert design["name"] == "Web server"
    assert "resources ->" in err
    assert "not understood: EC2Instance: kept as a generic resource" in err
    path = tmp_path / "design.json"
    path.write_text(out)
    validated, _ = run("validate_design", str(path))
    assert ": valid" in validated


def test_import_cfn_writes_a_file_and_refuses_a_broken_template(tmp_path: Path) -> None:
    target = tmp_path / "design.json"
    run("import_cfn", str(CORPUS / "SQS_SQSStandardQueue.yaml"), "-o", str(target), "--region", "eu-west-1")
    assert json.loads(target.read_text())["region"] == "eu-west-1"

    broken = tmp_path / "broken.yaml"
    broken.write_text("Resources:\n  Queue: [unclosed\n")
    with pytest.raises(CommandError, match="not valid YAML at line 3"):
        run("import_cfn", str(broken))


def test_a_template_through_import_cfn_and_export_cfn_keeps_its_resources(tmp_path: Path) -> None:
    """The two commands as a user runs them, in a fresh process each."""
    source = CORPUS / "VPC_VPC_With_Managed_NAT_And_Private_Subnet.yaml"
    design = tmp_path / "design.json"
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "import_cfn", str(source), "-o", str(design)], check=True, capture_output=True)
    exported = subprocess.run([*manage, "export_cfn", str(design)], check=True, capture_output=True, text=True)

    original = load_template(source.read_text())["Resources"]
    again = load_template(exported.stdout)["Resources"]
    assert {k: v["Type"] for k, v in again.items()} == {k: v["Type"] for k, v in original.items()}
