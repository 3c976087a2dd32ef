"""Whole designs: the three examples and a design using every connection the catalog allows (196) export
templates cfn-lint passes with no error and no warning, the same design always gives the same bytes, logical
IDs do not move when other nodes change, and each connection writes the wiring the connection table promises.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from designer.cloudformation.export import export
from designer.cloudformation.wiring import access_actions
from designer.cloudformation.yaml_io import dump_yaml
from designer.graph import ArchitectureGraph, build
from tests.cloudformation.designs import EXAMPLES, PRIVATE, every_connection, every_connection_nodes, examples, lint
from tests.engines.design_builders import edge as edge_
from tests.engines.design_builders import graph, loaded
from tests.engines.design_builders import node as node_

RESOLVER = "aws.route53resolver.endpoint"
VPC_NODES = {"region", "vpc", "az-a", "az-b", "public-a", "public-b", "private-a", "private-b", "data-a", "data-b"}

Template = dict[str, Any]


def resolver_endpoints() -> ArchitectureGraph:
    """Two on-premises networks (one of them drawn twice, with the same range) sending DNS queries to an inbound
    endpoint and getting them from an outbound one, and a third endpoint connected the wrong way round."""
    nodes = [node for node in every_connection_nodes() if node["id"] in VPC_NODES]
    nodes += [
        node_("inbound", RESOLVER, "vpc", subnets=PRIVATE),
        node_("outbound", RESOLVER, "vpc", subnets=PRIVATE, direction="OUTBOUND"),
        node_("backwards", RESOLVER, "vpc", subnets=PRIVATE, direction="OUTBOUND"),
        node_("hq", "external.datacenter", label="Head office", cidr="192.168.0.0/16"),
        node_("hq-again", "external.datacenter", label="Head office again", cidr="192.168.0.0/16"),
        node_("branch", "external.datacenter", label="Branch", cidr="172.16.0.0/12"),
    ]
    pairs = [
        ("hq", "inbound"),
        ("hq-again", "inbound"),
        ("branch", "inbound"),
        ("outbound", "hq"),
        ("outbound", "branch"),
        ("hq", "backwards"),
    ]
    return graph(*nodes, edges=[edge_(f"{s}-to-{t}", s, t) for s, t in pairs], name="Resolver endpoints")


@pytest.fixture(scope="module")
def templates() -> dict[str, Template]:
    graphs = {**examples(), "every-connection": every_connection(), "resolver-endpoints": resolver_endpoints()}
    return {name: export(g) for name, g in graphs.items()}


@pytest.fixture(scope="module")
def findings(templates: dict[str, Template], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    return lint(templates, tmp_path_factory.mktemp("lint"))


def of_type(template: Template, type_: str) -> dict[str, Any]:
    return {k: r for k, r in template["Resources"].items() if r["Type"] == type_}


def properties(template: Template, logical_id: str) -> dict[str, Any]:
    return template["Resources"][logical_id]["Properties"]


def ingress(template: Template, group: str) -> list[dict[str, Any]]:
    """Every ingress rule on security group `group` (separate rules and inline ones)."""
    rules = [r["Properties"] for r in of_type(template, "AWS::EC2::SecurityGroupIngress").values()]
    rules = [r for r in rules if r["GroupId"] == {"Fn::GetAtt": [group, "GroupId"]}]
    return rules + list(properties(template, group).get("SecurityGroupIngress", []))


def statements(template: Template, role: str) -> list[dict[str, Any]]:
    out = []
    for policy in of_type(template, "AWS::IAM::Policy").values():
        if {"Ref": role} in policy["Properties"]["Roles"]:
            out += policy["Properties"]["PolicyDocument"]["Statement"]
    for inline in properties(template, role).get("Policies", []):
        out += inline["PolicyDocument"]["Statement"]
    return out


def environment(template: Template, task_or_function: str) -> dict[str, Any]:
    props = properties(template, task_or_function)
    if "ContainerDefinitions" in props:
        return {e["Name"]: e["Value"] for e in props["ContainerDefinitions"][0].get("Environment", [])}
    return dict(props.get("Environment", {}).get("Variables", {}))


# -- the bars ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["three-tier-web-app", "serverless-event-driven", "hybrid-connectivity", "every-connection", "resolver-endpoints"],
)
def test_the_template_lints_with_no_error_and_no_warning(findings: dict[str, list[str]], name: str) -> None:
    assert findings[name] == []


def test_the_design_with_every_connection_really_has_every_connection() -> None:
    from designer.catalog import CATALOG

    g = every_connection()
    pairs = {(g.node(e.source).kind, g.node(e.target).kind) for e in g.edges}
    assert pairs == set(CATALOG.connections)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_the_same_design_gives_byte_identical_templates(path: Path) -> None:
    first = dump_yaml(export(build(loaded(json.loads(path.read_text())))))
    second = dump_yaml(export(build(loaded(json.loads(path.read_text())))))

    assert first == second


def test_logical_ids_stay_when_other_nodes_change() -> None:
    document = json.loads((EXAMPLES / "three-tier-web-app.json").read_text())
    before = set(export(build(loaded(document)))["Resources"])
    changed = copy.deepcopy(document)
    changed["nodes"].insert(0, {"id": "extra", "kind": "aws.sqs.queue", "label": "Zz extra queue", "parent": None})
    for node in changed["nodes"]:
        if node["id"] == "web":
            node["props"]["desired_count"] = 5
    after = set(export(build(loaded(changed)))["Resources"])

    assert before <= after
    assert after - before == {"ZzExtraQueue"}


def test_two_nodes_with_one_label_get_distinct_stable_ids() -> None:
    document = json.loads((EXAMPLES / "serverless-event-driven.json").read_text())
    document["nodes"] += [
        {"id": "jobs-b", "kind": "aws.sns.topic", "label": "jobs", "parent": None},
        {"id": "jobs-a", "kind": "aws.sns.topic", "label": "jobs", "parent": None},
    ]
    ids = sorted(k for k, r in export(build(loaded(document)))["Resources"].items() if r["Type"] == "AWS::SNS::Topic")
    document["nodes"].reverse()
    again = sorted(k for k, r in export(build(loaded(document)))["Resources"].items() if r["Type"] == "AWS::SNS::Topic")

    assert {"JobsJobsA", "JobsJobsB"} <= set(ids)
    assert ids == again  # named by their ids, not by their order


# -- what connections write -------------------------------------------------------------------------------------


def test_the_load_balancer_forwards_to_the_service_and_only_its_group_reaches_the_port(
    templates: dict[str, Template],
) -> None:
    t = templates["three-tier-web-app"]
    service = properties(t, "Web")
    (target_group,) = [b["TargetGroupArn"]["Ref"] for b in service["LoadBalancers"]]
    assert properties(t, target_group)["Port"] == 8080
    assert properties(t, target_group)["TargetType"] == "ip"
    rules = ingress(t, "WebSecurityGroup")
    assert rules == [
        {
            "GroupId": {"Fn::GetAtt": ["WebSecurityGroup", "GroupId"]},
            "IpProtocol": "tcp",
            "FromPort": 8080,
            "ToPort": 8080,
            "Description": "From web-alb",
            "SourceSecurityGroupId": {"Fn::GetAtt": ["WebAlbSecurityGroup", "GroupId"]},
        }
    ]


def test_the_database_admits_the_service_on_its_port_and_the_service_gets_its_secret(
    templates: dict[str, Template],
) -> None:
    t = templates["three-tier-web-app"]
    (rule,) = ingress(t, "OrdersDbSecurityGroup")
    assert (rule["FromPort"], rule["SourceSecurityGroupId"]) == (5432, {"Fn::GetAtt": ["WebSecurityGroup", "GroupId"]})
    env = environment(t, "WebTaskDefinition")
    assert env["ORDERS_DB_HOST"] == {"Fn::GetAtt": ["OrdersDb", "Endpoint.Address"]}
    assert env["ORDERS_DB_PORT"] == "5432"
    secret = {"Fn::GetAtt": ["OrdersDb", "MasterUserSecret.SecretArn"]}
    assert env["ORDERS_DB_SECRET_ARN"] == secret
    granted = [s for s in statements(t, "WebRole") if s["Action"] == ["secretsmanager:GetSecretValue"]]
    assert [s["Resource"] for s in granted] == [[secret]]
    assert properties(t, "OrdersDb")["ManageMasterUserPassword"] is True
    assert "MasterUserPassword" not in properties(t, "OrdersDb")


def test_no_group_is_open_to_the_internet_except_on_public_listener_ports(templates: dict[str, Template]) -> None:
    for name, t in templates.items():
        balancers = of_type(t, "AWS::ElasticLoadBalancingV2::LoadBalancer")
        for rule in of_type(t, "AWS::EC2::SecurityGroupIngress").values():
            p = rule["Properties"]
            if p.get("CidrIp") == "0.0.0.0/0":
                group = p["GroupId"]["Fn::GetAtt"][0]
                owner = group.removesuffix("SecurityGroup")
                is_balancer = owner in balancers and balancers[owner]["Properties"]["Scheme"] == "internet-facing"
                is_instance = owner in of_type(t, "AWS::EC2::Instance")
                assert is_balancer or is_instance, (name, group)
                assert p["FromPort"] in (80, 443), (name, group)


def test_a_function_gets_exactly_the_actions_its_access_needs_on_that_table_only(
    templates: dict[str, Template],
) -> None:
    t = templates["serverless-event-driven"]
    g = examples()["serverless-event-driven"]
    (edge,) = [
        e
        for e in g.edges
        if g.node(e.target).kind == "aws.dynamodb.table" and g.node(e.source).kind == "aws.lambda.function"
    ][:1]
    source, table = g.node(edge.source), g.node(edge.target)
    role = f"{_logical(t, source.label)}Role"
    table_id = _logical(t, table.label)
    (grant,) = [s for s in statements(t, role) if {"Fn::GetAtt": [table_id, "Arn"]} in s["Resource"]]
    assert grant["Action"] == access_actions("aws.dynamodb.table", edge.props["access"])
    assert grant["Resource"] == [{"Fn::GetAtt": [table_id, "Arn"]}, {"Fn::Sub": f"${{{table_id}.Arn}}/index/*"}]
    assert any(
        isinstance(v, dict) and v.get("Ref") == table_id for v in environment(t, _logical(t, source.label)).values()
    )


def _logical(template: Template, label: str) -> str:
    from designer.cloudformation.template import camel

    assert camel(label) in template["Resources"], label
    return camel(label)


def test_no_statement_grants_a_wildcard_resource_except_log_delivery(templates: dict[str, Template]) -> None:
    for name, t in templates.items():
        for policy in of_type(t, "AWS::IAM::Policy").values():
            for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
                if statement["Resource"] in ("*", ["*"]):
                    assert all(a.startswith("logs:") for a in statement["Action"]), (name, statement)


def test_event_wiring_of_the_every_connection_design(templates: dict[str, Template]) -> None:
    t = templates["every-connection"]
    (mapping,) = [
        m["Properties"]
        for m in of_type(t, "AWS::Lambda::EventSourceMapping").values()
        if m["Properties"]["EventSourceArn"] == {"Fn::GetAtt": ["Queue", "Arn"]}
    ]
    assert mapping["FunctionName"] == {"Ref": "Fn"}
    permissions = {
        (p["Properties"]["Principal"], p["Properties"]["FunctionName"]["Fn::GetAtt"][0])
        for p in of_type(t, "AWS::Lambda::Permission").values()
    }
    assert {
        ("s3.amazonaws.com", "Fn"),
        ("apigateway.amazonaws.com", "Fn"),
        ("events.amazonaws.com", "Fn"),
        ("sns.amazonaws.com", "Fn"),
    } <= permissions
    bucket = properties(t, "Bucket")["NotificationConfiguration"]
    assert bucket["LambdaConfigurations"][0]["Event"] == "s3:ObjectCreated:*"
    subscriptions = {s["Properties"]["Protocol"] for s in of_type(t, "AWS::SNS::Subscription").values()}
    assert subscriptions == {"sqs", "lambda"}
    rule = properties(t, "Rule")
    assert {target["Id"] for target in rule["Targets"]} >= {"Fn", "Queue", "Workflow", "Topic"}
    queue_policy = properties(t, "QueuePolicy")["PolicyDocument"]["Statement"]
    assert {s["Principal"]["Service"] for s in queue_policy} == {
        "s3.amazonaws.com",
        "events.amazonaws.com",
        "sns.amazonaws.com",
    }


def test_edge_and_hybrid_wiring_of_the_every_connection_design(templates: dict[str, Template]) -> None:
    t = templates["every-connection"]
    assert of_type(t, "AWS::CloudFront::OriginAccessControl")
    bucket_policy = properties(t, "BucketPolicy")["PolicyDocument"]["Statement"]
    assert any(s.get("Principal") == {"Service": "cloudfront.amazonaws.com"} for s in bucket_policy)
    aliases = [r["Properties"] for r in of_type(t, "AWS::Route53::RecordSet").values()]
    assert {
        a["AliasTarget"]["DNSName"]["Fn::GetAtt"][0] for a in aliases if "Fn::GetAtt" in a["AliasTarget"]["DNSName"]
    } >= {"Alb"}
    attachments = of_type(t, "AWS::EC2::TransitGatewayVpcAttachment")
    assert [a["Properties"]["VpcId"] for a in attachments.values()] == [{"Ref": "Vpc"}]
    endpoint = properties(t, "S3Endpoint")
    assert endpoint["VpcEndpointType"] == "Gateway"
    assert {r["Ref"] for r in endpoint["RouteTableIds"]} == {"PrivateARouteTable", "PrivateBRouteTable"}


def test_a_cycle_between_connections_is_broken_with_a_note(templates: dict[str, Template]) -> None:
    notes = templates["every-connection"]["Metadata"]["AwsArchitectureDesigner"]["Notes"]
    left_out = [n for n in notes if "is left out, because it would make" in n]
    assert left_out  # the function and the state machine name each other
    graph: ArchitectureGraph = every_connection()
    assert graph  # the design itself is unchanged: only the template leaves the variable out


def dns_rules(template: Template, group: str, key: str) -> list[tuple[str, int, int, str]]:
    return [
        (r["IpProtocol"], r["FromPort"], r["ToPort"], r["CidrIp"]) for r in properties(template, group).get(key, [])
    ]


def test_an_inbound_resolver_endpoint_admits_dns_from_each_network_connected_to_it_once(
    templates: dict[str, Template],
) -> None:
    t = templates["resolver-endpoints"]
    assert dns_rules(t, "InboundSecurityGroup", "SecurityGroupIngress") == [
        ("tcp", 53, 53, "192.168.0.0/16"),
        ("udp", 53, 53, "192.168.0.0/16"),
        ("tcp", 53, 53, "172.16.0.0/12"),
        ("udp", 53, 53, "172.16.0.0/12"),
    ]
    assert "SecurityGroupEgress" not in properties(t, "InboundSecurityGroup")


def test_an_outbound_resolver_endpoint_sends_dns_only_to_the_networks_it_forwards_to(
    templates: dict[str, Template],
) -> None:
    t = templates["resolver-endpoints"]
    # Listing egress replaces the group's allow-all default: nothing else leaves the endpoint.
    assert dns_rules(t, "OutboundSecurityGroup", "SecurityGroupEgress") == [
        ("tcp", 53, 53, "192.168.0.0/16"),
        ("udp", 53, 53, "192.168.0.0/16"),
        ("tcp", 53, 53, "172.16.0.0/12"),
        ("udp", 53, 53, "172.16.0.0/12"),
    ]
    assert "SecurityGroupIngress" not in properties(t, "OutboundSecurityGroup")


def test_a_network_connected_to_an_outbound_endpoint_opens_nothing_and_the_template_says_why(
    templates: dict[str, Template],
) -> None:
    t = templates["resolver-endpoints"]
    assert set(properties(t, "BackwardsSecurityGroup")) == {"GroupDescription", "VpcId", "Tags"}
    notes = t["Metadata"]["AwsArchitectureDesigner"]["Notes"]
    assert any(n.startswith("backwards is an outbound endpoint, so Head office cannot send it queries") for n in notes)
