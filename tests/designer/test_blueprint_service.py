"""create_from_blueprint: a saved design (revision 1) from a blueprint, for its owner or a team, in the region
asked for; bad parameters save nothing."""

from __future__ import annotations

from typing import Any

import pytest

from designer.blueprints import InvalidParams, UnknownBlueprint
from designer.models import Design
from designer.services.blueprints import create_from_blueprint
from designer.services.sharing import create_team

pytestmark = pytest.mark.django_db


def test_it_saves_revision_one_from_the_blueprint(user: Any) -> None:
    design, warnings = create_from_blueprint(user, "three-tier", {"azs": "3"})

    assert design.owner == user and design.team is None
    assert design.name == "Three-tier web app" and design.region == "us-east-1"
    assert design.head is not None and design.head.number == 1
    assert design.head.message == "Created from the blueprint “Three-tier web app”"
    zones = [n for n in design.head.document["nodes"] if n["kind"] == "aws.vpc.availability_zone"]
    assert len(zones) == 3 and warnings == []


def test_the_region_moves_the_design_with_its_region_box_and_the_name_can_be_given(user: Any) -> None:
    design, _ = create_from_blueprint(user, "serverless", {}, name_override="Orders", region="eu-west-1")

    assert design.name == "Orders" and design.region == "eu-west-1"
    assert design.head is not None
    [box] = [n for n in design.head.document["nodes"] if n["kind"] == "aws.region"]
    assert box["props"]["region"] == "eu-west-1"


def test_it_can_belong_to_a_team(user: Any) -> None:
    team = create_team(name="Platform", creator=user)
    design, _ = create_from_blueprint(user, "vpc-plan", None, team=team)

    assert design.team == team and design.owner is None


def test_bad_parameters_or_an_unknown_blueprint_save_nothing(user: Any) -> None:
    with pytest.raises(InvalidParams) as caught:
        create_from_blueprint(user, "hybrid", {"workload_vpcs": 0})
    assert set(caught.value.errors) == {"workload_vpcs"}
    with pytest.raises(UnknownBlueprint):
        create_from_blueprint(user, "mainframe", {})
    assert Design.objects.count() == 0
