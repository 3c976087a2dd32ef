"""The blueprints over the API: the list with parameter schemas, a preview of what one builds (nothing saved), and
bad parameters named as `params.<name>`."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from designer.document import load
from designer.models import Design

pytestmark = pytest.mark.django_db


def test_the_list_gives_each_blueprint_with_its_parameters(api: APIClient) -> None:
    response = api.get("/api/blueprints/")

    assert response.status_code == 200
    blueprints = {b["name"]: b for b in response.json()}
    assert list(blueprints) == ["three-tier", "serverless", "hybrid", "vpc-plan"]
    params = {p["name"]: p for p in blueprints["three-tier"]["parameters"]}
    assert params["compute"] == {
        "name": "compute",
        "label": "Compute",
        "type": "choice",
        "default": "ecs-fargate",
        "help": "Containers on ECS Fargate, or EC2 instances in an Auto Scaling group.",
        "options": ["ecs-fargate", "auto-scaling-group"],
    }
    assert params["azs"]["type"] == "integer" and (params["azs"]["minimum"], params["azs"]["maximum"]) == (2, 6)
    assert params["cache"]["default"] is True
    assert params["vpc_cidr"]["type"] == "cidr" and params["vpc_cidr"]["minimum"] == 16


def test_the_list_needs_a_signed_in_user(anonymous: APIClient) -> None:
    assert anonymous.get("/api/blueprints/").status_code == 401
    assert anonymous.post("/api/blueprints/three-tier/", {}, format="json").status_code == 401


def test_a_preview_builds_the_design_and_counts_its_findings_without_saving_it(api: APIClient) -> None:
    response = api.post(
        "/api/blueprints/three-tier/", {"params": {"azs": 3, "compute": "auto-scaling-group"}}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    document = load(body["document"]).document
    assert document is not None
    kinds = [n.kind for n in document.nodes]
    assert kinds.count("aws.vpc.availability_zone") == 3 and "aws.autoscaling.group" in kinds
    assert set(body["findings_count"]) == {"error", "warning", "info"} and body["findings_count"]["error"] == 0
    assert Design.objects.count() == 0


def test_a_preview_counts_the_warnings_of_a_design_that_has_some(api: APIClient) -> None:
    body = api.post("/api/blueprints/vpc-plan/", {"params": {"nat_gateways": "single"}}, format="json").json()

    assert body["findings_count"] == {"error": 0, "warning": 1, "info": 0}  # one NAT gateway for three zones


def test_a_preview_without_parameters_takes_the_defaults(api: APIClient) -> None:
    response = api.post("/api/blueprints/serverless/", {}, format="json")

    assert response.status_code == 200
    assert response.json()["document"]["region"] == "us-east-1"


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"azs": 9}, "params.azs", "Availability Zones must be from 2 to 6; 9 is not."),
        ({"azs": "many"}, "params.azs", "Availability Zones must be a whole number, not “many”."),
        ({"vpc_cidr": "10.0.0.0/20"}, "params.vpc_cidr", "10.0.0.0/20 cannot hold 2 zones of"),
        ({"flavour": "vanilla"}, "params.flavour", "The three-tier blueprint has no parameter “flavour”"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(api: APIClient, params: dict[str, Any], field: str, message: str) -> None:
    response = api.post("/api/blueprints/three-tier/", {"params": params}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "invalid_request"
    [error] = body["errors"]
    assert error["field"] == field and error["path"] == f"$.{field}" and error["message"].startswith(message)


def test_params_must_be_an_object(api: APIClient) -> None:
    response = api.post("/api/blueprints/three-tier/", {"params": ["azs", 3]}, format="json")

    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "params"


def test_an_unknown_blueprint_is_a_404_that_names_the_ones_there_are(api: APIClient) -> None:
    response = api.post("/api/blueprints/four-tier/", {"params": {}}, format="json")

    assert response.status_code == 404
    assert response.json()["detail"] == (
        "There is no blueprint “four-tier”; the blueprints are three-tier, serverless, hybrid, vpc-plan."
    )


def test_a_design_is_created_from_a_blueprint_with_its_parameters(api: APIClient) -> None:
    response = api.post(
        "/api/designs/", {"blueprint": "vpc-plan", "params": {"azs": 2}, "name": "Network plan"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "Network plan" and body["role"] == "owner" and body["revision"]["number"] == 1
    zones = [n for n in body["document"]["nodes"] if n["kind"] == "aws.vpc.availability_zone"]
    assert len(zones) == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"blueprint": "vpc-plan", "params": {"azs": 99}}, "params.azs"),
        ({"blueprint": "four-tier"}, "blueprint"),
        ({"blueprint": "vpc-plan", "example": "three-tier-web-app"}, "blueprint"),
        ({"params": {"azs": 2}}, "params"),
    ],
)
def test_a_bad_blueprint_design_names_the_field_and_creates_nothing(
    api: APIClient, body: dict[str, Any], field: str
) -> None:
    response = api.post("/api/designs/", body, format="json")
    assert response.status_code == 400 and field in {e["field"] for e in response.json()["errors"]}
    assert not Design.objects.exists()
