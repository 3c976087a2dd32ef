"""The palette, the design document schema and the OpenAPI documentation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from rest_framework.test import APIClient

from designer.catalog import CATALOG
from designer.document import published_schema
from designer.models import ComponentKind, PalettePreset
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


def test_the_palette_lists_every_catalog_kind_with_a_served_icon(api: APIClient) -> None:
    body = api.get("/api/palette/").json()
    assert [k["kind"] for k in body["kinds"]] == list(CATALOG.kinds)
    assert {c["id"] for c in body["categories"]} >= {k["category"] for k in body["kinds"]}
    for kind in body["kinds"]:
        path = kind["icon_url"].split("/static/", 1)[1]
        assert finders.find(path), f"{kind['kind']}: {kind['icon_url']} is not served"


def test_palette_kinds_carry_their_schemas_and_connections(api: APIClient) -> None:
    kinds = {k["kind"]: k for k in api.get("/api/palette/").json()["kinds"]}
    ec2 = kinds["aws.ec2.instance"]
    assert ec2["props_schema"]["properties"]["instance_type"]["default"] == "t3.medium"
    assert ec2["parents"] == ["aws.vpc.subnet", "aws.autoscaling.group"]
    lam = kinds["aws.lambda.function"]
    to_dynamo = next(c for c in lam["connections"] if c["target"] == "aws.dynamodb.table")
    assert to_dynamo["meaning"] == "access"
    assert to_dynamo["props_schema"]["properties"]["access"]["enum"] == ["read", "write", "read-write"]
    assert kinds["aws.vpc.vpc"]["is_container"] is True
    assert kinds["aws.rds.instance"]["cfn_types"] == ["AWS::RDS::DBInstance", "AWS::RDS::DBSubnetGroup"]


def test_presets_are_shared_or_private_to_their_owner(api: APIClient, stranger_api: APIClient, stranger: Any) -> None:
    rds = ComponentKind.objects.get(kind="aws.rds.instance")
    PalettePreset.objects.create(name="Production PostgreSQL", kind=rds, props={"multi_az": True})
    PalettePreset.objects.create(name="Mallory's DB", kind=rds, owner=stranger)
    mine = [p["name"] for p in api.get("/api/palette/").json()["presets"]]
    theirs = [p["name"] for p in stranger_api.get("/api/palette/").json()["presets"]]
    assert mine == ["Production PostgreSQL"]
    assert sorted(theirs) == ["Mallory's DB", "Production PostgreSQL"]
    preset = api.get("/api/palette/").json()["presets"][0]
    assert preset["kind"] == "aws.rds.instance" and preset["shared"] is True
    assert preset["icon_url"].endswith("/static/icons/aws/database/rds.png")


def test_a_preset_with_an_invalid_property_is_refused_by_the_admin_form() -> None:
    from django.core.exceptions import ValidationError

    rds = ComponentKind.objects.get(kind="aws.rds.instance")
    preset = PalettePreset(name="Bad", kind=rds, props={"multi_az": "yes", "engine": "db2000"})
    with pytest.raises(ValidationError) as caught:
        preset.full_clean()
    messages = " ".join(caught.value.message_dict["props"])
    assert "Multi-AZ must be true or false" in messages and "'db2000'" in messages


def test_the_design_schema_is_served_publicly_and_matches_the_docs_copy(anonymous: APIClient) -> None:
    served = anonymous.get("/api/schema/design/").json()
    assert served == published_schema()
    docs_copy = json.loads((ROOT / "docs" / "design.schema.json").read_text())
    docs_copy.pop("$comment")
    assert docs_copy == served, "docs/design.schema.json is stale: run python scripts/gen_docs.py"


def test_the_openapi_schema_and_swagger_ui_are_served(anonymous: APIClient) -> None:
    schema = anonymous.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/designs/", "/api/designs/{id}/", "/api/designs/validate/", "/api/palette/"} <= set(paths)
    docs = anonymous.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content


def test_the_openapi_schema_generates_without_warnings(tmp_path: Any) -> None:
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "openapi.yaml"))
    assert "/api/designs/{id}/revisions/{number}/" in (tmp_path / "openapi.yaml").read_text()
