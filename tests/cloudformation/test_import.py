"""Importing CloudFormation templates into designs, and exporting them back.

On the corpus of real AWS templates (tests/fixtures/cfn-corpus): every template imports into a design the
document gate accepts; import then export keeps every resource (same logical IDs, types and bodies) and the
kept sections, and adds no cfn-lint error or warning the original does not have (findings compared by rule id
and path; warnings are compared too, since a round trip should not add any); a second round trip changes
nothing; each template becomes the design pinned in CORPUS_DESIGNS.

On small templates written here: which node each resource ends up in (ownership), where each node sits
(containment from VpcId, SubnetId and SubnetIds), the connections recovered from the template (all marked
origin "import"), properties read through the evaluator and written back as the original expression unless
changed, generic nodes kept byte for byte, the report, ownership that loops or chains 500 deep, connections
left out (and reported) when a rule joins too many nodes or the design would be too large, and determinism
(also across hash seeds).
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from cfnlint.api import ManualArgs, lint_by_config

from designer.cloudformation.export import export
from designer.cloudformation.importer import OWNERS, PRIMARY, ImportResult, import_template
from designer.cloudformation.yaml_io import dump_json, dump_yaml, load_template
from designer.document import load, load_or_raise
from designer.graph import build
from tests.cloudformation.test_kinds_alone import CASES
from tests.engines.design_builders import graph

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "cfn-corpus"
TEMPLATES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".yaml", ".json"))
GENERIC = "aws.cloudformation.resource"
SECTIONS = ("Description", "Metadata", "Transform", "Parameters", "Rules", "Mappings", "Conditions", "Outputs")

# What each corpus template becomes: nodes, edges and the generic nodes (of a type the designer has no component
# for, or generic because its subnets, VPC or owner come from parameters, another stack or the default VPC).
CORPUS_DESIGNS: dict[str, tuple[int, int, list[str]]] = {
    "APIGateway_apigateway_lambda_integration.yaml": (2, 1, []),
    "AutoScaling_AutoScalingMultiAZWithNotifications.yaml": (
        4,
        0,
        ["WebServerGroup", "ElasticLoadBalancer", "InstanceSecurityGroup"],
    ),
    "DynamoDB_DynamoDB_Table.json": (1, 0, []),
    "DynamoDB_DynamoDB_Table.yaml": (1, 0, []),
    "EC2_EC2InstanceWithSecurityGroupSample.yaml": (1, 0, ["EC2Instance"]),
    "ECS_FargateLaunchType_clusters_public-vpc.yaml": (11, 0, []),
    "ECS_FargateLaunchType_services_public-service.yaml": (2, 0, ["Service", "LoadBalancerRule"]),
    "EFS_efs_with_automount_to_ec2.yaml": (3, 0, ["AutoScalingGroup", "ElasticLoadBalancer"]),
    "ElasticLoadBalancing_ELBWithLockedDownAutoScaledInstances.yaml": (2, 0, ["WebServerGroup", "ElasticLoadBalancer"]),
    "Lambda_LambdaSample.yaml": (1, 0, []),
    "RDS_RDS_MySQL_With_Read_Replica.yaml": (3, 0, ["MainDB", "ReplicaDB"]),
    "S3_compliant-bucket.yaml": (3, 0, []),
    "SNS_SNSTopic.yaml": (1, 0, []),
    "SQS_SQSStandardQueue.yaml": (2, 0, []),
    "VPC_VPC_With_Managed_NAT_And_Private_Subnet.json": (11, 0, []),
    "VPC_VPC_With_Managed_NAT_And_Private_Subnet.yaml": (11, 0, []),
}


@cache
def _corpus_import(name: str) -> ImportResult:
    return import_template((CORPUS / name).read_bytes())


def corpus(name: str) -> ImportResult:
    """The import of a corpus template (a private copy: tests may edit it)."""
    return copy.deepcopy(_corpus_import(name))


def original(name: str) -> dict[str, Any]:
    return load_template((CORPUS / name).read_bytes())


def exported(document: dict[str, Any]) -> dict[str, Any]:
    return export(build(load_or_raise(document)))


def imported(text: str) -> ImportResult:
    return import_template(text)


def nodes(result: ImportResult) -> dict[str, dict[str, Any]]:
    return {n["id"]: n for n in result.document["nodes"]}


def inside(node: dict[str, Any]) -> list[str]:
    """The logical IDs of the resources kept inside a node."""
    return [r["logical_id"] for r in node.get("cfn", {}).get("resources", [])]


def edges(result: ImportResult) -> dict[tuple[str, str], dict[str, Any]]:
    return {(e["source"], e["target"]): e for e in result.document["edges"]}


def said(result: ImportResult, *words: str) -> list[str]:
    """The report's lines that contain all of `words`."""
    return [line for line in result.report.not_understood if all(w in line for w in words)]


# -- the corpus ------------------------------------------------------------------------------------------


def test_the_corpus_holds_the_sixteen_templates_the_bars_are_measured_on() -> None:
    assert len(TEMPLATES) == 16 and set(TEMPLATES) == set(CORPUS_DESIGNS)
    assert {p.name for p in CORPUS.iterdir()} - set(TEMPLATES) == {"LICENSE.txt", "NOTICE.txt", "SOURCES.md"}


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_corpus_template_imports_into_a_design_the_document_gate_accepts(name: str) -> None:
    result = corpus(name)
    problems = load(result.document).problems
    assert [p.line() for p in problems if p.severity == "error"] == []
    assert result.report.resources == len(original(name)["Resources"])


@pytest.mark.parametrize("name", TEMPLATES)
def test_each_corpus_template_becomes_the_design_pinned_for_it(name: str) -> None:
    result = corpus(name)
    node_count, edge_count, generic = CORPUS_DESIGNS[name]
    assert (len(result.document["nodes"]), len(result.document["edges"])) == (node_count, edge_count)
    assert result.report.generic == generic
    types = {n["cfn"]["logical_id"]: n["cfn"]["type"] for n in result.document["nodes"] if "cfn" in n}
    for logical_id in generic:
        if types[logical_id] in PRIMARY or types[logical_id] in OWNERS:
            assert said(result, f"{logical_id}: kept as a generic resource"), (
                f"the report does not say why {logical_id}"
            )


@pytest.mark.parametrize("name", TEMPLATES)
def test_import_then_export_keeps_every_resource_with_its_logical_id_type_and_body(name: str) -> None:
    before = original(name)["Resources"]
    after = exported(corpus(name).document)["Resources"]
    assert sorted(after) == sorted(before)
    assert {k: v["Type"] for k, v in after.items()} == {k: v["Type"] for k, v in before.items()}
    assert [k for k in before if not same_resource(after[k], before[k])] == []


def same_resource(after: dict[str, Any], before: dict[str, Any]) -> bool:
    """The same keys, each value the same byte for byte in JSON form (key order included), and the attributes
    in the same order; where Properties stands among the attributes is the writer's choice."""
    attributes = [k for k in before if k not in ("Type", "Properties")]
    return (
        sorted(after) == sorted(before)
        and all(json.dumps(after[k]) == json.dumps(before[k]) for k in before)
        and [k for k in after if k in attributes] == attributes
    )


@pytest.mark.parametrize("name", TEMPLATES)
def test_import_then_export_keeps_the_template_sections_that_are_not_resources(name: str) -> None:
    before, after = original(name), exported(corpus(name).document)
    for section in SECTIONS:
        if before.get(section):  # an empty section ({}) may be left out: it says nothing
            assert after.get(section) == before[section], section
    assert after["AWSTemplateFormatVersion"] == before.get("AWSTemplateFormatVersion", "2010-09-09")


@pytest.mark.parametrize("name", TEMPLATES)
def test_a_second_round_trip_through_the_designer_changes_nothing(name: str) -> None:
    first = dump_yaml(exported(corpus(name).document))
    again = import_template(first)
    assert dump_yaml(exported(again.document)) == first

    def shape(result: ImportResult) -> list[tuple[str, str, Any, str]]:
        return sorted(
            (n["id"], n["kind"], n.get("parent") or "", json.dumps(n["props"])) for n in result.document["nodes"]
        )

    assert shape(again) == shape(corpus(name))
    assert again.document["edges"] == corpus(name).document["edges"]


Findings = set[tuple[str, tuple[Any, ...]]]


@pytest.fixture(scope="module")
def lint_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Findings, Findings]]:
    """cfn-lint's errors and warnings, as (rule id, path), for each corpus template and for its export (written
    as JSON when the original is JSON), in one cfn-lint run."""
    folder = tmp_path_factory.mktemp("lint")
    files: dict[str, tuple[Path, Path]] = {}
    for name in TEMPLATES:
        template = exported(corpus(name).document)
        out = folder / f"exported-{name}"
        out.write_text(dump_json(template) if name.endswith(".json") else dump_yaml(template))
        files[name] = (CORPUS / name, out)
    found: dict[str, Findings] = {str(p): set() for pair in files.values() for p in pair}
    for match in lint_by_config(ManualArgs(templates=[str(p) for pair in files.values() for p in pair])):
        if match.rule.id[0] in ("E", "W"):
            path = getattr(match, "path", None)
            found[str(match.filename)].add((match.rule.id, tuple(path) if path else (match.message,)))
    return {name: (found[str(a)], found[str(b)]) for name, (a, b) in files.items()}


def test_cfn_lint_sees_the_problems_the_corpus_itself_has_so_the_comparison_is_not_empty(
    lint_findings: dict[str, tuple[Findings, Findings]],
) -> None:
    elb, _ = lint_findings["ElasticLoadBalancing_ELBWithLockedDownAutoScaledInstances.yaml"]
    rds, _ = lint_findings["RDS_RDS_MySQL_With_Read_Replica.yaml"]
    assert any(rule == "E1040" for rule, _ in elb)
    assert ("W3005", ("Resources", "MainDB", "DependsOn")) in rds


@pytest.mark.parametrize("name", TEMPLATES)
def test_import_then_export_adds_no_cfn_lint_error_or_warning(
    name: str, lint_findings: dict[str, tuple[Findings, Findings]]
) -> None:
    before, after = lint_findings[name]
    assert sorted(after - before) == []


# -- ownership --------------------------------------------------------------------------------------------

NETWORK = """
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: eu-west-1a}
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1b}
  SubnetC:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: eu-west-1a}
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Gateway}
  OwnTable:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  OwnAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref SubnetC, RouteTableId: !Ref OwnTable}
  SharedTable:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  DefaultRoute:
    Type: AWS::EC2::Route
    DependsOn: Attachment
    Properties: {RouteTableId: !Ref SharedTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gateway}
  AssociationA:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref SubnetA, RouteTableId: !Ref SharedTable}
  AssociationB:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref SubnetB, RouteTableId: !Ref SharedTable}
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: web, VpcId: !Ref Vpc}
  Web1:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, SubnetId: !Ref SubnetA, SecurityGroupIds: [!Ref WebGroup]}
  Web2:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, SubnetId: !Ref SubnetB, SecurityGroupIds: [!GetAtt WebGroup.GroupId]}
  FunctionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt FunctionRole.Arn
      Runtime: python3.12
      Handler: index.handler
      Code: {ZipFile: "def handler(event, context): pass"}
      VpcConfig: {SubnetIds: [!Ref SubnetA, !Ref SubnetB], SecurityGroupIds: [!Ref WebGroup]}
"""


def test_a_route_table_used_by_one_subnet_is_kept_inside_that_subnet() -> None:
    found = nodes(imported(NETWORK))
    assert inside(found["SubnetC"]) == ["OwnTable", "OwnAssociation"]
    assert "OwnTable" not in found


def test_a_route_table_shared_by_two_subnets_is_kept_in_the_vpc_with_its_routes() -> None:
    found = nodes(imported(NETWORK))
    assert inside(found["Vpc"]) == ["SharedTable", "DefaultRoute"]
    assert inside(found["SubnetA"]) == ["AssociationA"] and inside(found["SubnetB"]) == ["AssociationB"]
    assert found["SubnetA"]["props"]["tier"] == "public" and found["SubnetC"]["props"]["tier"] == "isolated"


def test_a_gateway_attachment_is_kept_inside_its_internet_gateway() -> None:
    found = nodes(imported(NETWORK))
    assert found["Gateway"]["kind"] == "aws.vpc.internet_gateway" and inside(found["Gateway"]) == ["Attachment"]


def test_a_role_used_by_one_function_is_kept_inside_the_function() -> None:
    found = nodes(imported(NETWORK))
    assert inside(found["Function"]) == ["FunctionRole"] and "FunctionRole" not in found


def test_a_security_group_used_by_two_instances_is_its_own_node_protecting_both() -> None:
    result = imported(NETWORK)
    assert nodes(result)["WebGroup"]["kind"] == "aws.vpc.security_group"
    for user in ("Web1", "Web2", "Function"):
        assert ("WebGroup", user) in edges(result)


WEB = """
Parameters:
  AppPort: {Type: Number, Default: 8080}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.1.0.0/16}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.0.0/24, AvailabilityZone: !Select [0, !GetAZs '']}
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.1.0/24, AvailabilityZone: !Select [1, !GetAZs '']}
  BalancerGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: balancer, VpcId: !Ref Vpc}
  AppGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: !Ref AppPort, ToPort: !Ref AppPort, SourceSecurityGroupId: !Ref BalancerGroup}
  DatabaseGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: database, VpcId: !Ref Vpc}
  DatabaseIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref DatabaseGroup
      IpProtocol: tcp
      FromPort: 5432
      ToPort: 5432
      SourceSecurityGroupId: !Ref AppGroup
  Balancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Subnets: [!Ref SubnetA, !Ref SubnetB], SecurityGroups: [!Ref BalancerGroup]}
  AppTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Port: !Ref AppPort, Protocol: HTTP, VpcId: !Ref Vpc}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Balancer
      Port: 80
      Protocol: HTTP
      DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "404"}}]
  AppRule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Listener
      Priority: 1
      Conditions: [{Field: path-pattern, Values: [/app/*]}]
      Actions: [{Type: forward, TargetGroupArn: !Ref AppTargets}]
  LaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: {ImageId: ami-12345678, SecurityGroupIds: [!Ref AppGroup]}
  AppGroupOfInstances:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "1"
      MaxSize: "4"
      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]
      TargetGroupARNs: [!Ref AppTargets]
      LaunchTemplate: {LaunchTemplateId: !Ref LaunchTemplate, Version: !GetAtt LaunchTemplate.LatestVersionNumber}
  DatabaseSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: data, SubnetIds: [!Ref SubnetA, !Ref SubnetB]}
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      AllocatedStorage: "20"
      DBSubnetGroupName: !Ref DatabaseSubnets
      VPCSecurityGroups: [!Ref DatabaseGroup]
      ManageMasterUserPassword: true
      MasterUsername: app
"""


def test_listeners_rules_and_target_groups_are_kept_inside_their_load_balancer() -> None:
    found = nodes(imported(WEB))
    assert found["Balancer"]["kind"] == "aws.elb.application_load_balancer"
    assert sorted(inside(found["Balancer"])) == ["AppRule", "AppTargets", "BalancerGroup", "Listener"]


def test_a_security_group_used_by_one_node_is_kept_inside_it_with_its_rules() -> None:
    found = nodes(imported(WEB))
    assert sorted(inside(found["AppGroupOfInstances"])) == ["AppGroup", "LaunchTemplate"]
    assert sorted(inside(found["Database"])) == ["DatabaseGroup", "DatabaseIngress", "DatabaseSubnets"]


# -- containment ------------------------------------------------------------------------------------------


def test_subnets_sit_in_zone_boxes_named_from_literal_zones_inside_their_vpc() -> None:
    found = nodes(imported(NETWORK))
    zone_a, zone_b = found["SubnetA"]["parent"], found["SubnetB"]["parent"]
    assert found["SubnetC"]["parent"] == zone_a != zone_b
    for zone, name in ((zone_a, "eu-west-1a"), (zone_b, "eu-west-1b")):
        assert found[zone]["kind"] == "aws.vpc.availability_zone"
        assert found[zone]["props"]["name"] == name and found[zone]["parent"] == "Vpc"
    assert imported(NETWORK).document["region"] == "eu-west-1"


def test_subnets_in_zones_given_by_select_over_getazs_sit_in_unnamed_zone_boxes_in_that_order() -> None:
    found = nodes(imported(WEB))
    zones = [found[found[s]["parent"]] for s in ("SubnetA", "SubnetB")]
    assert [z["props"]["name"] for z in zones] == ["", ""]
    assert [z["label"] for z in zones] == ["Zone 1", "Zone 2"]
    assert all(z["parent"] == "Vpc" for z in zones)


def test_subnets_with_zone_ids_sit_in_one_box_per_zone_id() -> None:
    template = NETWORK.replace("AvailabilityZone: eu-west-1a", "AvailabilityZoneId: euw1-az1").replace(
        "AvailabilityZone: eu-west-1b", "AvailabilityZoneId: euw1-az2"
    )
    found = nodes(imported(template))
    assert found["SubnetA"]["parent"] == found["SubnetC"]["parent"] != found["SubnetB"]["parent"]


def test_a_load_balancer_in_two_subnets_sits_in_the_vpc_naming_them() -> None:
    found = nodes(imported(WEB))
    assert found["Balancer"]["parent"] == "Vpc"
    assert found["Balancer"]["props"]["subnets"] == ["SubnetA", "SubnetB"]
    assert found["AppGroupOfInstances"]["props"]["subnets"] == ["SubnetA", "SubnetB"]
    assert found["Database"]["parent"] == "Vpc" and found["Database"]["props"]["subnets"] == ["SubnetA", "SubnetB"]


RESOLVERS = """
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a}
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1b}
  DnsGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: DNS from on premises
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: udp, FromPort: 53, ToPort: 53, CidrIp: 192.168.0.0/16}
  Inbound:
    Type: AWS::Route53Resolver::ResolverEndpoint
    Properties:
      Direction: inbound
      IpAddresses: [{SubnetId: !Ref SubnetA}, {SubnetId: !Ref SubnetB}]
      SecurityGroupIds: [!GetAtt DnsGroup.GroupId]
  Delegation:
    Type: AWS::Route53Resolver::ResolverEndpoint
    Properties:
      Direction: INBOUND_DELEGATION
      IpAddresses: [{SubnetId: !Ref SubnetA}, {SubnetId: !Ref SubnetB}]
      SecurityGroupIds: [sg-0123456789abcdef0]
"""


def test_a_resolver_endpoint_sits_in_the_vpc_of_its_ip_addresses_subnets_with_its_own_group_inside() -> None:
    found = nodes(imported(RESOLVERS))
    inbound = found["Inbound"]
    assert inbound["kind"] == "aws.route53resolver.endpoint"
    assert inbound["props"]["direction"] == "INBOUND"  # CloudFormation takes the direction in any case
    assert inbound["parent"] == "Vpc" and inbound["props"]["subnets"] == ["SubnetA", "SubnetB"]
    assert inside(inbound) == ["DnsGroup"]
    # A delegation endpoint has no direction in the catalog: it is kept as it was, as a generic resource.
    assert found["Delegation"]["kind"] == "aws.cloudformation.resource"


def test_an_exported_resolver_endpoint_comes_back_as_the_same_kind_and_direction() -> None:
    template = export(graph(*CASES["resolver-outbound-endpoint"].nodes))
    found = nodes(imported(dump_yaml(template)))
    assert found["Subject"]["kind"] == "aws.route53resolver.endpoint"
    assert found["Subject"]["props"]["direction"] == "OUTBOUND"
    assert inside(found["Subject"]) == ["SubjectSecurityGroup"]


def test_a_function_with_a_vpc_config_sits_in_its_vpc_and_an_instance_in_its_subnet() -> None:
    found = nodes(imported(NETWORK))
    assert found["Function"]["parent"] == "Vpc" and found["Function"]["props"]["subnets"] == ["SubnetA", "SubnetB"]
    assert found["Web1"]["parent"] == "SubnetA" and found["Web2"]["parent"] == "SubnetB"
    assert found["WebGroup"]["parent"] == "Vpc"


OUTSIDE = """
Parameters:
  VpcId: {Type: "AWS::EC2::VPC::Id"}
  Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: app, VpcId: !Ref VpcId}
  Balancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Subnets: !Ref Subnets, SecurityGroups: [!Ref Group]}
  Server:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, SubnetId: !ImportValue shared-subnet}
  Default:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678}
  Existing:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, SubnetId: subnet-0123abcd}
"""


def test_nodes_whose_vpc_or_subnets_are_not_in_the_template_are_generic_and_the_report_says_where_they_are() -> None:
    result = imported(OUTSIDE)
    assert sorted(result.report.generic) == ["Balancer", "Default", "Existing", "Server"]
    assert nodes(result)["Balancer"]["props"] == {"type": "AWS::ElasticLoadBalancingV2::LoadBalancer"}
    assert said(result, "Balancer: kept as a generic resource", "the parameter Subnets")
    assert said(result, "Server: kept as a generic resource", "imported from another stack")
    assert said(result, "Default: kept as a generic resource", "names no subnet", "default VPC")
    assert said(result, "Existing: kept as a generic resource", "subnet-0123abcd")


def test_a_security_group_whose_vpc_is_a_parameter_is_kept_by_the_one_node_using_it() -> None:
    found = nodes(imported(OUTSIDE))
    assert inside(found["Balancer"]) == ["Group"]


# -- connections ------------------------------------------------------------------------------------------


def test_a_security_group_rule_between_two_groups_is_a_traffic_edge_on_its_port() -> None:
    found = edges(imported(WEB))
    assert found[("AppGroupOfInstances", "Database")]["props"] == {"port": 5432}


def test_a_listener_rule_forwarding_to_a_target_group_is_traffic_from_the_load_balancer_to_its_targets() -> None:
    found = edges(imported(WEB))
    assert found[("Balancer", "AppGroupOfInstances")]["props"] == {"port": 8080}


TARGETS = """
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.2.0.0/16}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.2.0.0/24, AvailabilityZone: us-west-2a}
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.2.1.0/24, AvailabilityZone: us-west-2b}
  Balancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Subnets: [!Ref SubnetA, !Ref SubnetB]}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Balancer
      Port: 80
      Protocol: HTTP
      DefaultActions: [{Type: forward, TargetGroupArn: !Ref ServiceTargets}]
  ServiceTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Port: 3000, Protocol: HTTP, TargetType: ip, VpcId: !Ref Vpc}
  ServerTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Port: 9000, Protocol: HTTP, VpcId: !Ref Vpc, Targets: [{Id: !Ref Server}]}
  ServerRule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Listener
      Priority: 1
      Conditions: [{Field: path-pattern, Values: [/admin/*]}]
      Actions: [{Type: forward, TargetGroupArn: !Ref ServerTargets}]
  Server:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, SubnetId: !Ref SubnetB}
  Cluster:
    Type: AWS::ECS::Cluster
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: "256"
      Memory: "512"
      ContainerDefinitions: [{Name: web, Image: nginx, PortMappings: [{ContainerPort: 3000}]}]
  Service:
    Type: AWS::ECS::Service
    DependsOn: Listener
    Properties:
      Cluster: !Ref Cluster
      LaunchType: FARGATE
      DesiredCount: 2
      TaskDefinition: !Ref Task
      LoadBalancers: [{ContainerName: web, ContainerPort: 3000, TargetGroupArn: !Ref ServiceTargets}]
      NetworkConfiguration:
        AwsvpcConfiguration: {Subnets: [!Ref SubnetA, !Ref SubnetB]}
"""


def test_target_groups_give_traffic_edges_from_the_load_balancer_to_an_ecs_service_and_an_instance() -> None:
    result = imported(TARGETS)
    found = edges(result)
    assert found[("Balancer", "Service")]["props"] == {"port": 3000}
    assert found[("Balancer", "Server")]["props"] == {"port": 9000}
    placed = nodes(result)
    assert placed["Service"]["parent"] == "Cluster" and placed["Cluster"]["parent"] == "Vpc"
    assert placed["Service"]["props"]["subnets"] == ["SubnetA", "SubnetB"] and inside(placed["Service"]) == ["Task"]
    assert placed["Service"]["props"]["desired_count"] == 2


SERVERLESS = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}
            Action: "kms:*"
            Resource: "*"
  Uploads:
    Type: AWS::S3::Bucket
    DependsOn: UploadsPermission
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: "aws:kms", KMSMasterKeyID: !GetAtt Key.Arn}
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: "s3:ObjectCreated:*"
            Function: !GetAtt Worker.Arn
            Filter: {S3Key: {Rules: [{Name: prefix, Value: uploads/}, {Name: suffix, Value: .jpg}]}}
  UploadsPermission:
    Type: AWS::Lambda::Permission
    Properties: {Action: "lambda:InvokeFunction", FunctionName: !Ref Worker, Principal: s3.amazonaws.com}
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
  Jobs:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
  Subscription:
    Type: AWS::SNS::Subscription
    Properties: {TopicArn: !Ref Topic, Endpoint: !GetAtt Jobs.Arn, Protocol: sqs, RawMessageDelivery: "true"}
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: cron(0 3 * * ? *)
      Targets: [{Id: worker, Arn: !GetAtt Worker.Arn}]
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: orders
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: ["dynamodb:PutItem"], Resource: !GetAtt Orders.Arn}
  UploadsReading:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: uploads
      Roles: [!Ref WorkerRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Action: ["s3:GetObject"], Resource: !Sub "${Uploads.Arn}/*"}
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt WorkerRole.Arn
      Runtime: python3.12
      Handler: index.handler
      Code: {ZipFile: "def handler(event, context): pass"}
  JobsMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {FunctionName: !Ref Worker, EventSourceArn: !GetAtt Jobs.Arn, BatchSize: 25}
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: orders, ProtocolType: HTTP}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Worker.Arn
      PayloadFormatVersion: "2.0"
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties: {ApiId: !Ref Api, RouteKey: "POST /orders", Target: !Sub "integrations/${Integration}"}
  Site:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: files
          ViewerProtocolPolicy: redirect-to-https
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
        CacheBehaviors:
          - PathPattern: /api/*
            TargetOriginId: api
            ViewerProtocolPolicy: https-only
            CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad
        Origins:
          - {Id: files, DomainName: !GetAtt Uploads.RegionalDomainName, S3OriginConfig: {OriginAccessIdentity: ""}}
          - Id: api
            DomainName: !Sub "${Api}.execute-api.${AWS::Region}.amazonaws.com"
            CustomOriginConfig: {OriginProtocolPolicy: https-only}
  Zone:
    Type: AWS::Route53::HostedZone
    Properties: {Name: example.com}
  Records:
    Type: AWS::Route53::RecordSetGroup
    Properties:
      HostedZoneId: !Ref Zone
      RecordSets:
        - Name: www.example.com.
          Type: A
          AliasTarget: {DNSName: !GetAtt Site.DomainName, HostedZoneId: Z2FDTNDATAQYW2}
"""


def test_an_iam_statement_naming_a_table_with_put_item_is_write_access_from_the_role_user() -> None:
    found = edges(imported(SERVERLESS))
    assert found[("Worker", "Orders")]["props"] == {"access": "write"}
    assert found[("Worker", "Uploads")]["props"] == {"access": "read"}


def test_an_event_source_mapping_is_an_event_source_edge_with_its_batch_size() -> None:
    assert edges(imported(SERVERLESS))[("Jobs", "Worker")]["props"] == {"batch_size": 25}


def test_an_s3_notification_is_a_notification_edge_with_events_prefix_and_suffix() -> None:
    assert edges(imported(SERVERLESS))[("Uploads", "Worker")]["props"] == {
        "events": "s3:ObjectCreated:*",
        "prefix": "uploads/",
        "suffix": ".jpg",
    }


def test_an_sns_subscription_is_a_subscription_edge() -> None:
    assert edges(imported(SERVERLESS))[("Topic", "Jobs")]["props"] == {"raw_message_delivery": True}


def test_an_eventbridge_rule_target_is_a_target_edge() -> None:
    assert ("Nightly", "Worker") in edges(imported(SERVERLESS))


def test_an_http_api_integration_is_an_integration_edge_with_its_route() -> None:
    assert edges(imported(SERVERLESS))[("Api", "Worker")]["props"] == {"route": "POST /orders"}


def test_cloudfront_origins_are_origin_edges_with_their_path_patterns() -> None:
    found = edges(imported(SERVERLESS))
    assert found[("Site", "Uploads")]["props"] == {"path_pattern": "*"}
    assert found[("Site", "Api")]["props"] == {"path_pattern": "/api/*", "origin_protocol": "https-only"}


def test_a_route53_alias_in_a_record_set_group_is_an_alias_edge_with_its_record_name() -> None:
    assert edges(imported(SERVERLESS))[("Zone", "Site")]["props"] == {"record_type": "A", "record_name": "www"}


def test_a_kms_key_named_by_a_bucket_encrypts_it() -> None:
    assert ("Key", "Uploads") in edges(imported(SERVERLESS))


def test_every_recovered_edge_is_marked_as_imported() -> None:
    for template in (NETWORK, WEB, TARGETS, SERVERLESS, REST_API):
        result = imported(template)
        assert result.document["edges"] and {e["origin"] for e in result.document["edges"]} == {"import"}


def test_exporting_an_imported_design_does_not_write_its_recovered_connections_again() -> None:
    before = load_template(SERVERLESS)["Resources"]
    after = exported(imported(SERVERLESS).document)["Resources"]
    assert after == before


REST_API = """
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: shop}
  Items:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: items}
  Item:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !Ref Items, PathPart: "{id}"}
  GetItem:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Item
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations"
  HandlerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt HandlerRole.Arn
      Runtime: nodejs20.x
      Handler: index.handler
      Code: {ZipFile: "exports.handler = async () => ({statusCode: 200})"}
"""


def test_a_rest_api_method_integration_is_an_integration_edge_with_the_route_its_resources_give() -> None:
    result = imported(REST_API)
    assert edges(result)[("Api", "Handler")]["props"] == {"route": "GET /items/{id}"}
    assert sorted(inside(nodes(result)["Api"])) == ["GetItem", "Item", "Items"]


SAM = """
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: {Runtime: python3.12, Timeout: 10}
Resources:
  Table:
    Type: AWS::Serverless::SimpleTable
  Queue:
    Type: AWS::SQS::Queue
  Bucket:
    Type: AWS::S3::Bucket
  Api:
    Type: AWS::Serverless::HttpApi
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      MemorySize: 256
      Policies:
        - DynamoDBCrudPolicy: {TableName: !Ref Table}
      Events:
        Jobs: {Type: SQS, Properties: {Queue: !GetAtt Queue.Arn, BatchSize: 5}}
        Upload: {Type: S3, Properties: {Bucket: !Ref Bucket, Events: "s3:ObjectCreated:*"}}
        Http: {Type: HttpApi, Properties: {ApiId: !Ref Api, Path: /items, Method: get}}
"""


def test_sam_policy_templates_and_events_become_edges() -> None:
    result = imported(SAM)
    found = edges(result)
    assert found[("Handler", "Table")]["props"] == {"access": "read-write"}
    assert found[("Queue", "Handler")]["props"] == {"batch_size": 5}
    assert found[("Bucket", "Handler")]["props"] == {"events": "s3:ObjectCreated:*"}
    assert found[("Api", "Handler")]["props"] == {"route": "GET /items"}
    assert {n["id"]: n["kind"] for n in result.document["nodes"]} == {
        "Table": "aws.dynamodb.table",
        "Queue": "aws.sqs.queue",
        "Bucket": "aws.s3.bucket",
        "Api": "aws.apigateway.api",
        "Handler": "aws.lambda.function",
    }


def test_sams_globals_and_transform_are_kept_for_export() -> None:
    result = imported(SAM)
    template = exported(result.document)
    assert template["Transform"] == "AWS::Serverless-2016-10-31"
    assert template["Globals"] == {"Function": {"Runtime": "python3.12", "Timeout": 10}}
    assert not [line for line in result.report.not_understood if line.startswith("Globals")]


def test_a_section_the_design_cannot_keep_is_reported() -> None:
    result = imported(SAM.replace("Globals:", "Extras:"))
    assert said(result, "Extras: the template's Extras section is left out", "will not write it")


def test_a_load_balancer_whose_type_is_a_parameter_is_a_generic_node() -> None:
    template = WEB.replace(
        "Properties: {Subnets: [!Ref SubnetA, !Ref SubnetB], SecurityGroups: [!Ref BalancerGroup]}",
        "Properties: {Type: !Ref Kind, Subnets: [!Ref SubnetA, !Ref SubnetB], SecurityGroups: [!Ref BalancerGroup]}",
    ).replace("Parameters:\n", "Parameters:\n  Kind: {Type: String, Default: application}\n")
    result = imported(template)
    assert nodes(result)["Balancer"]["kind"] == GENERIC and nodes(result)["Balancer"]["parent"] == "Vpc"
    assert sorted(exported(result.document)["Resources"]) == sorted(load_template(template)["Resources"])


def test_a_relation_the_designer_has_no_connection_for_is_reported() -> None:
    result = corpus("ECS_FargateLaunchType_clusters_public-vpc.yaml")
    assert said(result, "EcsSecurityGroupIngressFromPublicALB", "has no connection in the designer")


# -- properties read through the evaluator, and written back ---------------------------------------------

SETTINGS = """
Parameters:
  Memory: {Type: Number, Default: 512}
  Stage: {Type: String, Default: prod, AllowedValues: [dev, prod]}
Mappings:
  Sizes:
    prod: {Timeout: 30}
    dev: {Timeout: 5}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  FunctionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt FunctionRole.Arn
      Runtime: !If [IsProd, python3.12, python3.11]
      Handler: index.handler
      MemorySize: !Ref Memory
      Timeout: !FindInMap [Sizes, !Ref Stage, Timeout]
      Code: {ZipFile: "def handler(event, context): pass"}
"""


def test_values_given_by_parameter_defaults_mappings_and_conditions_show_in_the_design_and_are_recorded() -> None:
    function = nodes(imported(SETTINGS))["Function"]
    assert {k: function["props"][k] for k in ("memory_mb", "timeout_s", "runtime")} == {
        "memory_mb": 512,
        "timeout_s": 30,
        "runtime": "python3.12",
    }
    assert function["cfn"]["mapped"] == {"runtime": "python3.12", "memory_mb": 512, "timeout_s": 30}


def test_editing_one_mapped_property_writes_its_new_value_and_leaves_the_others_as_the_template_wrote_them() -> None:
    document = imported(SETTINGS).document
    nodes_by_id = {n["id"]: n for n in document["nodes"]}
    nodes_by_id["Function"]["props"]["memory_mb"] = 1024
    template = exported(document)
    properties = template["Resources"]["Function"]["Properties"]
    assert properties["MemorySize"] == 1024
    assert properties["Timeout"] == {"Fn::FindInMap": ["Sizes", {"Ref": "Stage"}, "Timeout"]}
    assert properties["Runtime"] == {"Fn::If": ["IsProd", "python3.12", "python3.11"]}
    text = dump_yaml(template)
    assert "Timeout: !FindInMap" in text and "MemorySize: 1024" in text


def test_editing_a_subnet_cidr_read_from_a_mapping_writes_it_and_the_other_subnets_keep_their_find_in_map() -> None:
    result = corpus("VPC_VPC_With_Managed_NAT_And_Private_Subnet.yaml")
    found = nodes(result)
    assert found["PublicSubnet0"]["props"]["cidr"] == "10.0.0.0/24"
    assert found["PublicSubnet0"]["cfn"]["mapped"]["cidr"] == "10.0.0.0/24"
    assert found["VPC"]["props"]["cidr"] == "10.0.0.0/16"
    found["PublicSubnet0"]["props"]["cidr"] = "10.0.100.0/24"
    resources = exported(result.document)["Resources"]
    assert resources["PublicSubnet0"]["Properties"]["CidrBlock"] == "10.0.100.0/24"
    for untouched, key in (("PublicSubnet1", "Public1"), ("PrivateSubnet0", "Private0"), ("VPC", "VPC")):
        assert resources[untouched]["Properties"]["CidrBlock"] == {"Fn::FindInMap": ["SubnetConfig", key, "CIDR"]}
    assert resources["PublicSubnet0"]["Properties"]["MapPublicIpOnLaunch"] == "true"  # as the template wrote it


def test_a_value_only_known_at_deployment_is_reported_and_the_design_shows_the_default() -> None:
    template = SETTINGS.replace("MemorySize: !Ref Memory", "MemorySize: !GetAtt Sizing.Memory").replace(
        "Resources:\n", "Resources:\n  Sizing:\n    Type: AWS::CloudFormation::CustomResource\n"
    )
    result = imported(template)
    assert "memory_mb" not in nodes(result)["Function"]["cfn"]["mapped"]
    assert said(result, "Function: MemorySize is only known at deployment")


CARVED = """
Parameters:
  Network: {Type: String, Default: 10.20.0.0/16}
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: !Ref Network}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]
      AvailabilityZone: us-east-1a
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [1, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]
      AvailabilityZone: us-east-1b
  Clash:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.20.0.0/24, AvailabilityZone: us-east-1a}
  Later:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: !GetAtt Vpc.CidrBlockAssociations, AvailabilityZone: us-east-1b}
  StatsGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: stats, VpcId: !Ref Vpc}
  AgentGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: agents
      VpcId: !Ref Vpc
      SecurityGroupEgress:
        - {IpProtocol: udp, FromPort: 8125, ToPort: 8125, DestinationSecurityGroupId: !Ref StatsGroup}
  Stats:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, SubnetId: !Ref SubnetA, SecurityGroupIds: [!Ref StatsGroup]}
  Agent:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, SubnetId: !Ref SubnetB, SecurityGroupIds: [!Ref AgentGroup]}
"""


def test_subnets_carved_from_the_vpc_cidr_show_their_blocks_and_export_their_expressions() -> None:
    result = imported(CARVED)
    found = nodes(result)
    assert found["Vpc"]["props"]["cidr"] == "10.20.0.0/16"
    assert (found["SubnetA"]["props"]["cidr"], found["SubnetB"]["props"]["cidr"]) == ("10.20.0.0/24", "10.20.1.0/24")
    assert not said(result, "SubnetA") and not said(result, "SubnetB")
    resources = exported(result.document)["Resources"]
    assert resources == load_template(CARVED)["Resources"]


def test_a_subnet_cidr_the_design_cannot_hold_is_shown_as_a_free_block_and_reported_once() -> None:
    result = imported(CARVED)
    found = nodes(result)
    assert found["Clash"]["props"]["cidr"] == "10.20.2.0/24"  # its own block is SubnetA's
    assert said(result, "Clash: its CIDR (10.20.0.0/24) does not fit the design; shown as 10.20.2.0/24")
    assert found["Later"]["props"]["cidr"] == "10.20.3.0/24"
    assert said(result, "Later: its CIDR is only known at deployment; shown as 10.20.3.0/24")
    assert [line for line in result.report.not_understood if line.startswith(("Clash", "Later"))] == [
        "Clash: its CIDR (10.20.0.0/24) does not fit the design; shown as 10.20.2.0/24",
        "Later: its CIDR is only known at deployment; shown as 10.20.3.0/24",
    ]


def test_a_udp_egress_rule_between_groups_is_a_udp_traffic_edge() -> None:
    assert edges(imported(CARVED))[("Agent", "Stats")]["props"] == {"port": 8125, "protocol": "udp"}


def test_a_group_shared_by_a_service_and_a_file_system_connects_only_what_can_connect() -> None:
    extra = """  AppGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: app, VpcId: !Ref Vpc}
  DataGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: data
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 2049, ToPort: 2049, SourceSecurityGroupId: !Ref AppGroup}]
  Scratch:
    Type: AWS::EFS::FileSystem
  ScratchMount:
    Type: AWS::EFS::MountTarget
    Properties: {FileSystemId: !Ref Scratch, SubnetId: !Ref SubnetA, SecurityGroups: [!Ref AppGroup]}
  Archive:
    Type: AWS::EFS::FileSystem
  ArchiveMount:
    Type: AWS::EFS::MountTarget
    Properties: {FileSystemId: !Ref Archive, SubnetId: !Ref SubnetA, SecurityGroups: [!Ref DataGroup]}
"""
    template = TARGETS.replace("  Cluster:\n", extra + "  Cluster:\n").replace(
        "AwsvpcConfiguration: {Subnets: [!Ref SubnetA, !Ref SubnetB]}",
        "AwsvpcConfiguration: {Subnets: [!Ref SubnetA, !Ref SubnetB], SecurityGroups: [!Ref AppGroup]}",
    )
    result = imported(template)
    assert nodes(result)["AppGroup"]["kind"] == "aws.vpc.security_group"
    assert edges(result)[("Service", "Archive")]["props"] == {"port": 2049}
    assert ("Scratch", "Archive") not in edges(result)
    assert not said(result, "has no connection")


# -- kept sections, generic nodes, the report --------------------------------------------------------------

SECTIONED = """
AWSTemplateFormatVersion: "2010-09-09"
Description: Everything a template keeps beside its resources
Metadata:
  AWS::CloudFormation::Interface:
    ParameterGroups: [{Label: {default: Naming}, Parameters: [Prefix]}]
Transform: [AWS::LanguageExtensions]
Parameters:
  Prefix: {Type: String, Default: app}
  Enabled: {Type: String, Default: "true", AllowedValues: ["true", "false"]}
Rules:
  PrefixIsShort:
    Assertions: [{Assert: !Not [!Equals [!Ref Prefix, ""]], AssertDescription: a prefix is required}]
Mappings:
  Retention: {Days: {Logs: 14}}
Conditions:
  IsEnabled: !Equals [!Ref Enabled, "true"]
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Condition: IsEnabled
    DependsOn: [Logs]
    DeletionPolicy: Retain
    UpdateReplacePolicy: Snapshot
    Metadata: {Owner: data-team, Nested: {List: [1, "two", {Three: 3.5}], Flag: true}}
    CreationPolicy: {ResourceSignal: {Count: 1, Timeout: PT5M}}
    UpdatePolicy: {AutoScalingReplacingUpdate: {WillReplace: true}}
    Properties:
      Name: !Sub "${Prefix}-events"
      ShardCount: 2
      StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis}
      Tags: [{Key: Zeta, Value: "1"}, {Key: Alpha, Value: "0"}]
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: {RetentionInDays: !FindInMap [Retention, Days, Logs]}
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
Outputs:
  StreamName:
    Condition: IsEnabled
    Value: !Ref Stream
    Export: {Name: !Sub "${AWS::StackName}-stream"}
"""


def test_parameters_mappings_conditions_rules_outputs_description_metadata_and_transform_come_back_on_export() -> None:
    before = load_template(SECTIONED)
    result = imported(SECTIONED)
    assert set(result.document["cloudformation"]) == {"AWSTemplateFormatVersion", *SECTIONS}
    after = exported(result.document)
    for section in ("AWSTemplateFormatVersion", *SECTIONS):
        assert after[section] == before[section], section
    assert list(after) == [*before]


def test_a_generic_node_keeps_its_properties_and_attributes_byte_for_byte_through_a_round_trip() -> None:
    result = imported(SECTIONED)
    stream = nodes(result)["Stream"]
    assert stream["kind"] == GENERIC and stream["props"] == {"type": "AWS::Kinesis::Stream"}
    assert set(stream["cfn"]["attributes"]) == {
        "Condition",
        "DependsOn",
        "DeletionPolicy",
        "UpdateReplacePolicy",
        "Metadata",
        "CreationPolicy",
        "UpdatePolicy",
    }
    before = load_template(SECTIONED)["Resources"]
    after = exported(result.document)["Resources"]
    for logical_id in ("Stream", "Handle"):
        assert same_resource(after[logical_id], before[logical_id])
    for key in before["Stream"]:
        assert dump_yaml({key: after["Stream"][key]}) == dump_yaml({key: before["Stream"][key]})


REPORTED = """
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties: {ShardCount: 1}
  Queue:
    Type: AWS::SQS::Queue
    Comment: not a resource attribute
    Properties:
      VisibilityTimeout: !GetAtt Stream.Arn
      MessageRetentionPeriod: 30
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/app
      Runtime: python3.12
      Handler: index.handler
      Code: {ZipFile: !Rain::Embed handler.py}
"""


def test_the_report_lists_generic_nodes_and_everything_that_was_not_understood() -> None:
    result = imported(REPORTED)
    report = result.report.as_dict()
    assert report["generic_nodes"] == ["Stream"] and report["resources"] == 3 and report["nodes"] == 3
    assert said(result, "Queue: its Comment is left out")
    assert said(result, "Queue: VisibilityTimeout is only known at deployment")
    assert said(result, "Queue: 30 is not a", "the design shows")
    assert said(result, "Resources.Function.Properties.Code.ZipFile", "!Rain::Embed", "kept as written")


def test_a_tool_tag_is_kept_as_data_and_written_back_as_the_same_tag() -> None:
    result = imported(REPORTED)
    function = nodes(result)["Function"]
    assert function["cfn"]["properties"]["Code"] == {"ZipFile": {"!Rain::Embed": "handler.py"}}
    assert "ZipFile: !Rain::Embed handler.py" in dump_yaml(exported(result.document))


def test_a_corpus_template_using_a_tool_tag_round_trips_it_and_the_report_names_it() -> None:
    result = corpus("APIGateway_apigateway_lambda_integration.yaml")
    assert said(result, "Resources.LambdaFunction.Properties.Code.ZipFile", "!Rain::Embed")
    assert "ZipFile: !Rain::Embed handler.py" in dump_yaml(exported(result.document))


def test_a_loop_of_owners_and_a_chain_of_five_hundred_roles_import_without_losing_a_resource() -> None:
    loop = """
Resources:
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [!Ref Role]
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
  Version:
    Type: AWS::Lambda::Version
    Properties: {FunctionName: !GetAtt Role.Arn}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
  Function:
    Type: AWS::Lambda::Function
    Properties: {Role: !GetAtt Role.Arn, Runtime: python3.12, Handler: index.handler, Code: {ZipFile: x}}
"""
    chain = "Resources:\n  Role0: {Type: AWS::IAM::Role}\n" + "".join(
        f"  Role{i}: {{Type: AWS::IAM::Role, Properties: {{Description: !GetAtt Role{i - 1}.Arn}}}}\n"
        for i in range(1, 500)
    )
    for template in (loop, chain):
        result = imported(template)
        held = [n["cfn"]["logical_id"] for n in result.document["nodes"] if "cfn" in n]
        held += [r for n in result.document["nodes"] for r in inside(n)]
        assert sorted(held) == sorted(load_template(template)["Resources"])
        assert sorted(exported(result.document)["Resources"]) == sorted(load_template(template)["Resources"])


# -- limits -----------------------------------------------------------------------------------------------


def _clients_and_servers(clients: int, servers: int) -> str:
    """`clients` instances sharing one group, and `servers` instances each with a group open to those clients."""
    lines = [
        "Resources:",
        "  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}",
        "  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}}",
        "  Clients: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: clients, VpcId: !Ref Vpc}}",
    ]
    image = "ImageId: ami-12345678, SubnetId: !Ref Subnet"
    for i in range(clients):
        lines.append(
            f"  ClientInstanceNumber{i}: {{Type: AWS::EC2::Instance, Properties: {{{image}, "
            "SecurityGroupIds: [!Ref Clients]}}"
        )
    rule = "{IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !Ref Clients}"
    for j in range(servers):
        lines.append(
            f"  ServerGroupNumber{j}: {{Type: AWS::EC2::SecurityGroup, Properties: {{GroupDescription: s, "
            f"VpcId: !Ref Vpc, SecurityGroupIngress: [{rule}]}}}}"
        )
        lines.append(
            f"  ServerInstanceNumber{j}: {{Type: AWS::EC2::Instance, Properties: {{{image}, "
            f"SecurityGroupIds: [!Ref ServerGroupNumber{j}]}}}}"
        )
    return "\n".join(lines) + "\n"


def test_connections_that_would_make_the_design_too_large_are_left_out_and_reported() -> None:
    template = _clients_and_servers(95, 197)
    result = imported(template)
    assert load(result.document).ok
    assert 0 < len(result.document["edges"]) < 95 * 197
    assert said(result, "of the 18,810 connections read from the template are left out", "2,097,152 bytes")
    assert sorted(exported(result.document)["Resources"]) == sorted(load_template(template)["Resources"])


def test_a_rule_between_groups_on_more_than_a_hundred_pairs_of_nodes_is_reported_not_drawn() -> None:
    result = imported(_clients_and_servers(101, 2))
    assert result.document["edges"] == [
        e for e in result.document["edges"] if e["source"] == "Clients"
    ]  # only the group's own "protects" edges
    assert said(result, "ServerGroupNumber0 ingress: the rule joins groups carried by 101 pairs of nodes")
    small = imported(_clients_and_servers(10, 2))
    assert len([e for e in small.document["edges"] if e.get("props") == {"port": 443}]) == 20


# -- determinism ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("template", [NETWORK, WEB, TARGETS, SERVERLESS])
def test_importing_the_same_template_twice_gives_identical_documents_and_byte_identical_exports(template: str) -> None:
    first, second = imported(template), imported(template)
    assert json.dumps(first.document) == json.dumps(second.document)
    assert first.report.as_dict() == second.report.as_dict()
    assert dump_yaml(exported(first.document)) == dump_yaml(exported(second.document))


def _import_in_a_new_process(name: str, seed: str) -> str:
    code = (
        "import json, sys\n"
        "from designer.cloudformation.importer import import_template\n"
        "result = import_template(open(sys.argv[1], 'rb').read())\n"
        "print(json.dumps([result.document, result.report.as_dict()]))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(CORPUS / name)], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_importing_in_processes_with_different_hash_seeds_gives_identical_documents() -> None:
    name = "VPC_VPC_With_Managed_NAT_And_Private_Subnet.yaml"
    first, second = (_import_in_a_new_process(name, seed) for seed in ("1", "2"))
    assert first == second
    assert json.loads(first)[0] == _corpus_import(name).document


def test_a_custom_resource_is_kept_as_a_generic_node_and_written_back() -> None:
    text = """
Resources:
  Seed:
    Type: Custom::DatabaseSeed
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:seed
      Rows: 10
"""
    result = import_template(text)
    (node,) = result.document["nodes"]
    assert (node["kind"], node["props"]["type"]) == ("aws.cloudformation.resource", "Custom::DatabaseSeed")

    template = export(build(load_or_raise(result.document)))

    assert template["Resources"]["Seed"] == load_template(text)["Resources"]["Seed"]


def test_what_is_drawn_into_an_imported_vpc_is_written_into_it_and_routed_through_its_gateways(
    tmp_path: Path,
) -> None:
    from tests.cloudformation.designs import lint

    document = import_template((CORPUS / "VPC_VPC_With_Managed_NAT_And_Private_Subnet.yaml").read_bytes()).document
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for n in document["nodes"]:
        by_kind.setdefault(n["kind"], []).append(n)
    zone = by_kind["aws.vpc.availability_zone"][0]["id"]
    document["nodes"] += [
        {
            "id": "new-private",
            "kind": "aws.vpc.subnet",
            "label": "new-private",
            "parent": zone,
            "props": {"cidr": "10.0.9.0/24", "tier": "private"},
        },
        {
            "id": "new-public",
            "kind": "aws.vpc.subnet",
            "label": "new-public",
            "parent": zone,
            "props": {"cidr": "10.0.10.0/24", "tier": "public"},
        },
        {"id": "web", "kind": "aws.ec2.instance", "label": "web", "parent": "new-private"},
    ]

    template = export(build(load_or_raise(document)))

    resources = template["Resources"]
    assert resources["NewPrivate"]["Properties"]["VpcId"] == {"Ref": "VPC"}
    assert resources["NewPrivateNatRoute"]["Properties"]["NatGatewayId"]["Ref"].startswith("NATGateway")
    assert resources["NewPublicInternetRoute"]["Properties"]["GatewayId"] == {"Ref": "InternetGateway"}
    assert resources["Web"]["Properties"]["SubnetId"] == {"Ref": "NewPrivate"}
    assert lint({"grown": template}, tmp_path) == {"grown": []}


def test_a_new_function_given_access_to_an_imported_table_gets_its_statement_and_variable(tmp_path: Path) -> None:
    from tests.cloudformation.designs import lint

    document = import_template((CORPUS / "DynamoDB_DynamoDB_Table.yaml").read_bytes()).document
    (table,) = [n for n in document["nodes"] if n["kind"] == "aws.dynamodb.table"]
    document["nodes"].append({"id": "reader", "kind": "aws.lambda.function", "label": "reader", "parent": None})
    document["edges"].append({"id": "reads", "source": "reader", "target": table["id"], "props": {"access": "read"}})

    template = export(build(load_or_raise(document)))

    logical = table["cfn"]["logical_id"]
    statements = [
        s
        for p in template["Resources"].values()
        if p["Type"] == "AWS::IAM::Policy"
        for s in p["Properties"]["PolicyDocument"]["Statement"]
    ]
    arn = {"Fn::GetAtt": [logical, "Arn"]}
    (grant,) = [s for s in statements if isinstance(s["Resource"], list) and arn in s["Resource"]]
    assert "dynamodb:GetItem" in grant["Action"] and "dynamodb:PutItem" not in grant["Action"]
    variables = template["Resources"]["Reader"]["Properties"]["Environment"]["Variables"]
    assert {"Ref": logical} in variables.values()
    assert "joins an imported resource" not in json.dumps(template.get("Metadata", {}))
    assert lint({"grown": template}, tmp_path) == {"grown": []}
