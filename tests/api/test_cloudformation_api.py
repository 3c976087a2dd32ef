"""The CloudFormation endpoints: a design's (or a revision's) template as a YAML or JSON attachment, a design
created from an uploaded template with its import report, and the template diff between two revisions."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from designer.cloudformation.yaml_io import load_template

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "cfn-corpus"
VPC_TEMPLATE = (CORPUS / "VPC_VPC_With_Managed_NAT_And_Private_Subnet.yaml").read_text()


def template_of(response: Any) -> dict[str, Any]:
    return load_template(b"".join(response.streaming_content) if response.streaming else response.content)


def test_the_template_downloads_as_a_yaml_attachment_named_after_the_design(
    api: APIClient, design: dict[str, Any]
) -> None:
    response = api.get(f"/api/designs/{design['id']}/cloudformation.yaml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="Three-tier-web-app-r1.yaml"'
    text = response.content.decode()
    assert text.startswith('AWSTemplateFormatVersion: "2010-09-09"')
    assert "!Ref" in text and "!GetAtt" in text  # short-form intrinsics
    template = load_template(response.content)
    types = {r["Type"] for r in template["Resources"].values()}
    assert {
        "AWS::EC2::VPC",
        "AWS::ECS::Service",
        "AWS::RDS::DBCluster",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
    } <= types


def test_the_json_template_is_the_same_template(api: APIClient, design: dict[str, Any]) -> None:
    as_yaml = template_of(api.get(f"/api/designs/{design['id']}/cloudformation.yaml"))
    response = api.get(f"/api/designs/{design['id']}/cloudformation.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].endswith('r1.json"')
    assert json.loads(response.content) == as_yaml


def test_the_same_design_downloads_the_same_bytes(api: APIClient, design: dict[str, Any]) -> None:
    first = api.get(f"/api/designs/{design['id']}/cloudformation.yaml").content
    second = api.get(f"/api/designs/{design['id']}/cloudformation.yaml").content

    assert first == second


def test_a_client_asking_for_yaml_gets_it(api: APIClient, design: dict[str, Any]) -> None:
    response = api.get(f"/api/designs/{design['id']}/cloudformation.yaml", HTTP_ACCEPT="application/yaml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")


def test_an_old_revision_keeps_its_own_template(api: APIClient, design: dict[str, Any]) -> None:
    changed = copy.deepcopy(design["document"])
    changed["nodes"] = [n for n in changed["nodes"] if n["id"] != "cache"]
    changed["edges"] = [e for e in changed["edges"] if "cache" not in (e["source"], e["target"])]
    assert (
        api.put(f"/api/designs/{design['id']}/", {"document": changed, "base_revision": 1}, format="json").status_code
        == 200
    )

    old = template_of(api.get(f"/api/designs/{design['id']}/revisions/1/cloudformation.yaml"))
    new = template_of(api.get(f"/api/designs/{design['id']}/cloudformation.yaml"))

    old_types = [r["Type"] for r in old["Resources"].values()]
    new_types = [r["Type"] for r in new["Resources"].values()]
    assert "AWS::ElastiCache::ReplicationGroup" in old_types
    assert "AWS::ElastiCache::ReplicationGroup" not in new_types
    response = api.get(f"/api/designs/{design['id']}/revisions/2/cloudformation.json")
    assert response["Content-Disposition"].endswith('r2.json"')


@pytest.mark.parametrize("url", ["cloudformation.yaml", "revisions/1/cloudformation.json", "cloudformation/diff/"])
def test_a_stranger_cannot_read_a_designs_template(stranger_api: APIClient, design: dict[str, Any], url: str) -> None:
    response = stranger_api.get(f"/api/designs/{design['id']}/{url}")

    assert response.status_code == 404
    assert response.json()["type"] == "not_found"


def test_anonymous_callers_are_refused(anonymous: APIClient, design: dict[str, Any]) -> None:
    assert anonymous.get(f"/api/designs/{design['id']}/cloudformation.yaml").status_code == 401
    assert anonymous.post("/api/designs/import/", {"template": VPC_TEMPLATE}, format="json").status_code == 401


def test_unknown_revisions_and_formats_are_not_found(api: APIClient, design: dict[str, Any]) -> None:
    assert api.get(f"/api/designs/{design['id']}/revisions/9/cloudformation.yaml").status_code == 404
    assert api.get(f"/api/designs/{design['id']}/cloudformation.xml").status_code == 404


# -- import ---------------------------------------------------------------------------------------------------


def test_a_template_becomes_a_design_with_its_report(api: APIClient) -> None:
    response = api.post("/api/designs/import/", {"template": VPC_TEMPLATE, "name": "Network"}, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["name"] == "Network"
    assert body["revision"]["number"] == 1
    kinds = [n["kind"] for n in body["document"]["nodes"]]
    assert kinds.count("aws.vpc.subnet") == 4
    assert kinds.count("aws.vpc.nat_gateway") == 2
    report = body["report"]
    assert report["resources"] == len(load_template(VPC_TEMPLATE)["Resources"])
    assert report["nodes"] == len(body["document"]["nodes"])
    assert isinstance(report["not_understood"], list)


def test_an_imported_design_exports_every_resource_of_its_template(api: APIClient) -> None:
    created = api.post("/api/designs/import/", {"template": VPC_TEMPLATE}, format="json").json()

    exported = template_of(api.get(f"/api/designs/{created['id']}/cloudformation.yaml"))

    original = load_template(VPC_TEMPLATE)["Resources"]
    assert {k: v["Type"] for k, v in exported["Resources"].items()} == {k: v["Type"] for k, v in original.items()}
    assert exported["Mappings"] == load_template(VPC_TEMPLATE)["Mappings"]


def test_a_template_can_be_sent_as_the_body_itself(api: APIClient) -> None:
    response = api.generic(
        "POST",
        "/api/designs/import/?name=From+YAML&region=eu-west-1",
        VPC_TEMPLATE.encode(),
        content_type="application/yaml",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["name"] == "From YAML"
    assert response.json()["region"] == "eu-west-1"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("Resources: [unclosed", "not valid YAML"),
        ("{}", "no Resources"),
        ("Resources:\n  A: !!python/object:os.system {}\n", "python/object"),
        ("Resources:\n  Bad-Id:\n    Type: AWS::SNS::Topic\n", "logical ID"),
        ("Resources:\n  Topic:\n    Properties: {}\n", "Type"),
    ],
)
def test_a_template_that_cannot_be_imported_is_refused_naming_what_is_wrong(
    api: APIClient, template: str, expected: str
) -> None:
    before = api.get("/api/designs/").json()["count"]

    response = api.post("/api/designs/import/", {"template": template}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["path"] == "$.template"
    assert expected in body["errors"][0]["message"]
    assert api.get("/api/designs/").json()["count"] == before


def test_an_import_needs_a_template_and_a_known_region(api: APIClient) -> None:
    missing = api.post("/api/designs/import/", {"name": "x"}, format="json")
    bad_region = api.post("/api/designs/import/", {"template": VPC_TEMPLATE, "region": "mars-1"}, format="json")

    assert missing.status_code == 400 and missing.json()["errors"][0]["path"] == "$.template"
    assert bad_region.status_code == 400 and bad_region.json()["errors"][0]["path"] == "$.region"


# -- diff -----------------------------------------------------------------------------------------------------


def test_the_diff_says_what_a_change_does_to_the_stack(api: APIClient, design: dict[str, Any]) -> None:
    changed = copy.deepcopy(design["document"])
    for node in changed["nodes"]:
        if node["id"] == "public-a":
            node["props"]["cidr"] = "10.0.100.0/24"  # a subnet's CIDR cannot change in place
        if node["id"] == "logs":
            node["props"]["retention_days"] = 90  # a log group's retention can
    changed["nodes"] = [n for n in changed["nodes"] if n["id"] != "secret"]
    changed["edges"] = [e for e in changed["edges"] if "secret" not in (e["source"], e["target"])]
    assert (
        api.put(f"/api/designs/{design['id']}/", {"document": changed, "base_revision": 1}, format="json").status_code
        == 200
    )

    response = api.get(f"/api/designs/{design['id']}/cloudformation/diff/")

    assert response.status_code == 200
    diff = response.json()
    assert (diff["from"], diff["to"]) == (1, 2)
    by_id = {r["logical_id"]: r for r in diff["resources"]}
    subnet = by_id["PublicA"]
    assert subnet["action"] == "modify" and subnet["replacement"] is True
    assert subnet["replaced_because"] == ["CidrBlock"]
    assert {"path": "Properties/CidrBlock", "from": "10.0.0.0/24", "to": "10.0.100.0/24"} in subnet["changes"]
    logs = by_id["AppLogs"]
    assert logs["action"] == "modify" and logs["replacement"] is False
    assert by_id["AppConfig"]["action"] == "remove"
    assert "-      CidrBlock: 10.0.0.0/24\n" in diff["unified"]
    assert "+      CidrBlock: 10.0.100.0/24\n" in diff["unified"]
    assert diff["summary"].endswith("to remove")


def test_the_diff_between_chosen_revisions_and_its_errors(api: APIClient, design: dict[str, Any]) -> None:
    same = api.get(f"/api/designs/{design['id']}/cloudformation/diff/?from=1&to=1")
    missing = api.get(f"/api/designs/{design['id']}/cloudformation/diff/?from=1&to=7")
    garbage = api.get(f"/api/designs/{design['id']}/cloudformation/diff/?from=x")
    only_one = api.get(f"/api/designs/{design['id']}/cloudformation/diff/")

    assert same.status_code == 200 and same.json()["resources"] == [] and same.json()["unified"] == ""
    assert missing.status_code == 400 and missing.json()["errors"][0]["path"] == "$.to"
    assert garbage.status_code == 400 and garbage.json()["errors"][0]["path"] == "$.from"
    assert only_one.status_code == 400 and "no revision 0" in only_one.json()["errors"][0]["message"]


def test_a_download_error_keeps_the_json_error_format_whatever_was_asked(
    api: APIClient, design: dict[str, Any]
) -> None:
    response = api.get(f"/api/designs/{design['id']}/revisions/9/cloudformation.yaml?format=yaml")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["type"] == "not_found"
