"""manage.py blueprint: a design file from a blueprint and its parameters, the list of blueprints, bad input named."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from designer.document import load


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("blueprint", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_writes_the_design_to_a_file_with_the_parameters_given(tmp_path: Path) -> None:
    target = tmp_path / "design.json"
    out, err = run("three-tier", "--param", "azs=3", "--param", "compute=auto-scaling-group", "-o", str(target))

    result = load(target.read_bytes())
    assert result.document is not None and result.problems == ()
    kinds = [n.kind for n in result.document.nodes]
    assert kinds.count("aws.vpc.availability_zone") == 3 and "aws.autoscaling.group" in kinds
    assert out == "" and err.startswith(f"wrote {target}: {len(result.document.nodes)} nodes")


def test_without_a_file_it_prints_the_design() -> None:
    out, _ = run("serverless", "--param", "workflow=false")

    document = json.loads(out)
    assert document["name"] == "Serverless event-driven app"
    assert not any(n["kind"] == "aws.stepfunctions.state_machine" for n in document["nodes"])


def test_the_list_names_every_blueprint_with_its_parameters_and_defaults() -> None:
    out, _ = run("--list")

    for header in ("three-tier: Three-tier web app", "serverless:", "hybrid:", "vpc-plan: VPC plan"):
        assert header in out
    assert "  azs=2  (2 to 6) Availability Zones" in out
    assert "  compute=ecs-fargate  (one of ecs-fargate, auto-scaling-group) Compute" in out
    assert "  vpc_cidr=10.0.0.0/16  (an IPv4 CIDR, /16 to /28) VPC CIDR" in out
    assert "  cache=true  (true or false) Cache" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("three-tier", "--param", "azs=9"), "azs: Availability Zones must be from 2 to 6; 9 is not."),
        (("three-tier", "--param", "size=large"), "size: The three-tier blueprint has no parameter “size”"),
        (("vpc-plan", "--param", "vpc_cidr=10.0.0.0/22"), "vpc_cidr: 10.0.0.0/22 cannot hold 3 zones"),
        (("three-tier", "--param", "azs"), "--param azs: write it as name=value"),
        (("four-tier",), "blueprint: There is no blueprint “four-tier”; the blueprints are three-tier"),
        ((), "name a blueprint (three-tier, serverless, hybrid, vpc-plan), or ask for --list"),
    ],
)
def test_bad_input_fails_naming_what_is_wrong(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert message in str(caught.value)
    assert caught.value.returncode == 2


def test_every_bad_parameter_is_named_on_its_own_line() -> None:
    with pytest.raises(CommandError) as caught:
        run("hybrid", "--param", "azs=1", "--param", "dns=perhaps")
    lines = str(caught.value).splitlines()
    assert [line.split(":")[0] for line in lines] == ["azs", "dns"]
