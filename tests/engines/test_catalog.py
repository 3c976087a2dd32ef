"""The catalog is complete and self-consistent: icons, schemas, defaults, containment and the connection table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import diagrams
import pytest
from design_builders import EXAMPLES
from jsonschema import Draft202012Validator

from designer.catalog import CATALOG, CATEGORIES, Connection, Kind
from designer.catalog.spec import defaults_of
from designer.document import published_schema
from designer.document.messages import FORMATS, validator

ICONS = Path(diagrams.__file__).parent.parent / "resources"
KINDS = list(CATALOG.kinds.values())
CONNECTIONS = list(CATALOG.connections.values())


def by_kind(kind: Kind) -> str:
    return kind.kind


def by_pair(connection: Connection) -> str:
    return f"{connection.source} -> {connection.target}"


every_kind = pytest.mark.parametrize("kind", KINDS, ids=by_kind)
every_connection = pytest.mark.parametrize("connection", CONNECTIONS, ids=by_pair)


@every_kind
def test_a_kinds_icon_ships_with_the_diagrams_package(kind: Kind) -> None:
    assert (ICONS / kind.icon).is_file(), f"{kind.icon} is not in {ICONS}"


@every_kind
def test_a_kinds_property_and_usage_schemas_are_valid_json_schema(kind: Kind) -> None:
    Draft202012Validator.check_schema(kind.props_schema())
    Draft202012Validator.check_schema(kind.usage_schema())


@every_kind
def test_a_kinds_defaults_pass_its_own_schemas(kind: Kind) -> None:
    assert list(validator(kind.props_schema()).iter_errors(kind.default_props())) == []
    assert validator(kind.props_schema()).is_valid(kind.default_props())
    assert list(validator(kind.usage_schema()).iter_errors(kind.default_usage())) == []
    assert validator(kind.usage_schema()).is_valid(kind.default_usage())


@every_kind
def test_a_kinds_choices_include_their_defaults(kind: Kind) -> None:
    fields = [*kind.props, *kind.usage]
    fields += [f.items for f in fields if f.items is not None]
    fields += [sub for f in fields if f.items is not None for sub in f.items.fields]
    for field in fields:
        if field.type == "enum":
            assert field.default in field.options, f"{field.name}: {field.default!r} is not one of its options"


@every_kind
def test_a_kind_describes_itself_for_the_palette(kind: Kind) -> None:
    assert kind.category in CATEGORIES
    assert kind.label.strip()
    assert kind.description.strip()
    assert kind.service.strip()


@every_kind
def test_a_kind_can_be_placed_somewhere_that_exists(kind: Kind) -> None:
    assert kind.at_root or kind.parents, "it may sit nowhere"
    assert [p for p in kind.parents if p not in CATALOG.kinds] == []


@every_kind
def test_a_kinds_cloudformation_types_are_well_formed(kind: Kind) -> None:
    for cfn_type in kind.cfn_types:
        assert re.fullmatch(r"AWS::[A-Za-z0-9]+::[A-Za-z0-9]+", cfn_type), cfn_type


@pytest.mark.parametrize("kind", [k for k in KINDS if k.container], ids=by_kind)
def test_a_container_kind_has_something_that_may_sit_in_it(kind: Kind) -> None:
    assert CATALOG.children_of(kind.kind)


@pytest.mark.parametrize("kind", [k for k in KINDS if k.placement == "subnets"], ids=by_kind)
def test_a_kind_that_lives_in_subnets_can_list_them(kind: Kind) -> None:
    field = kind.field("subnets")
    assert field is not None and field.type == "refs"
    assert field.ref_kinds == ("aws.vpc.subnet",)


@every_connection
def test_a_connection_joins_kinds_that_exist_with_valid_properties(connection: Connection) -> None:
    assert connection.source in CATALOG.kinds
    assert connection.target in CATALOG.kinds
    assert connection.description.strip()
    schema = connection.props_schema()
    Draft202012Validator.check_schema(schema)
    assert list(validator(schema).iter_errors(defaults_of(connection.props))) == []
    assert validator(schema).is_valid(defaults_of(connection.props))


def test_edge_usage_has_a_valid_schema() -> None:
    Draft202012Validator.check_schema(CATALOG.edge_usage_schema())
    assert list(validator(CATALOG.edge_usage_schema()).iter_errors({"data_gb_month": 0})) == []
    assert validator(CATALOG.edge_usage_schema()).is_valid({"data_gb_month": 0})


# The components the product spec promises, by the name the spec gives them.
REQUIRED_KINDS = {
    "Region": "aws.region",
    "VPC": "aws.vpc.vpc",
    "Availability Zone": "aws.vpc.availability_zone",
    "Subnet": "aws.vpc.subnet",
    "Internet gateway": "aws.vpc.internet_gateway",
    "NAT gateway": "aws.vpc.nat_gateway",
    "Security group": "aws.vpc.security_group",
    "Network ACL": "aws.vpc.network_acl",
    "Application Load Balancer": "aws.elb.application_load_balancer",
    "Network Load Balancer": "aws.elb.network_load_balancer",
    "Gateway VPC endpoint": "aws.vpc.gateway_endpoint",
    "Interface VPC endpoint": "aws.vpc.interface_endpoint",
    "Transit Gateway": "aws.ec2.transit_gateway",
    "Site-to-Site VPN": "aws.vpc.vpn_connection",
    "Direct Connect": "aws.directconnect.connection",
    "Route 53 hosted zone": "aws.route53.hosted_zone",
    "CloudFront distribution": "aws.cloudfront.distribution",
    "API Gateway": "aws.apigateway.api",
    "EC2 instance": "aws.ec2.instance",
    "Auto Scaling group": "aws.autoscaling.group",
    "ECS cluster": "aws.ecs.cluster",
    "ECS service": "aws.ecs.service",
    "EKS cluster": "aws.eks.cluster",
    "Lambda function": "aws.lambda.function",
    "EBS volume": "aws.ebs.volume",
    "S3 bucket": "aws.s3.bucket",
    "EFS file system": "aws.efs.file_system",
    "RDS database": "aws.rds.instance",
    "Aurora cluster": "aws.rds.aurora_cluster",
    "DynamoDB table": "aws.dynamodb.table",
    "ElastiCache cluster": "aws.elasticache.cluster",
    "SQS queue": "aws.sqs.queue",
    "SNS topic": "aws.sns.topic",
    "EventBridge event bus": "aws.eventbridge.event_bus",
    "EventBridge rule": "aws.eventbridge.rule",
    "Step Functions state machine": "aws.stepfunctions.state_machine",
    "IAM role": "aws.iam.role",
    "KMS key": "aws.kms.key",
    "Secrets Manager secret": "aws.secretsmanager.secret",
    "CloudWatch log group": "aws.cloudwatch.log_group",
    "DMS replication instance": "aws.dms.replication_instance",
    "Users / Internet": "external.users",
    "On-premises data center": "external.datacenter",
}


@pytest.mark.parametrize(("label", "kind"), REQUIRED_KINDS.items(), ids=list(REQUIRED_KINDS))
def test_the_catalog_has_every_component_the_product_promises(label: str, kind: str) -> None:
    assert kind in CATALOG.kinds, f"no {label}"


COMPUTE = ("aws.ec2.instance", "aws.autoscaling.group", "aws.ecs.service", "aws.eks.cluster", "aws.lambda.function")


def pairs(sources: tuple[str, ...], targets: tuple[str, ...], meaning: str) -> list[tuple[str, str, str]]:
    return [(s, t, meaning) for s in sources for t in targets]


REQUIRED_CONNECTIONS = [
    *pairs(
        ("external.users",),
        (
            "aws.elb.application_load_balancer",
            "aws.elb.network_load_balancer",
            "aws.cloudfront.distribution",
            "aws.apigateway.api",
        ),
        "ingress",
    ),
    *pairs(
        ("aws.elb.application_load_balancer", "aws.elb.network_load_balancer"),
        ("aws.ec2.instance", "aws.autoscaling.group", "aws.ecs.service"),
        "traffic",
    ),
    *pairs(
        COMPUTE,
        ("aws.rds.instance", "aws.rds.aurora_cluster", "aws.elasticache.cluster", "aws.efs.file_system"),
        "traffic",
    ),
    *pairs(
        COMPUTE,
        (
            "aws.s3.bucket",
            "aws.dynamodb.table",
            "aws.sqs.queue",
            "aws.sns.topic",
            "aws.eventbridge.event_bus",
            "aws.stepfunctions.state_machine",
            "aws.secretsmanager.secret",
            "aws.kms.key",
        ),
        "access",
    ),
    ("aws.sqs.queue", "aws.lambda.function", "event_source"),
    ("aws.s3.bucket", "aws.lambda.function", "notification"),
    ("aws.apigateway.api", "aws.lambda.function", "integration"),
    *pairs(
        ("aws.eventbridge.rule",), ("aws.lambda.function", "aws.sqs.queue", "aws.stepfunctions.state_machine"), "target"
    ),
    *pairs(("aws.sns.topic",), ("aws.sqs.queue", "aws.lambda.function"), "subscription"),
    *pairs(("aws.cloudfront.distribution",), ("aws.s3.bucket", "aws.elb.application_load_balancer"), "origin"),
    *pairs(("aws.route53.hosted_zone",), ("aws.elb.application_load_balancer", "aws.cloudfront.distribution"), "alias"),
    *pairs(
        ("aws.vpc.vpn_connection", "aws.directconnect.connection", "aws.ec2.transit_gateway"),
        ("aws.vpc.vpc",),
        "attachment",
    ),
]


@pytest.mark.parametrize(
    ("source", "target", "meaning"), REQUIRED_CONNECTIONS, ids=[f"{s} -> {t}" for s, t, _ in REQUIRED_CONNECTIONS]
)
def test_the_connection_table_allows_every_pair_the_product_names(source: str, target: str, meaning: str) -> None:
    connection = CATALOG.connection(source, target)
    assert connection is not None, f"{source} cannot connect to {target}"
    assert connection.meaning == meaning


def test_the_published_document_schema_is_valid_json_schema() -> None:
    schema = published_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_an_example_passes_the_published_schema(path: Path) -> None:
    schema = Draft202012Validator(published_schema(), format_checker=FORMATS)
    assert [e.message for e in schema.iter_errors(json.loads(path.read_text()))] == []


def test_the_published_schema_checks_each_kinds_properties() -> None:
    schema = Draft202012Validator(published_schema(), format_checker=FORMATS)
    design = json.loads((EXAMPLES / "three-tier-web-app.json").read_text())
    index = next(i for i, n in enumerate(design["nodes"]) if n["id"] == "vpc")
    design["nodes"][index]["props"]["cidr"] = "10.0.0.1/16"
    design["nodes"][index]["usage"]["hours"] = 1
    assert sorted(e.json_path for e in schema.iter_errors(design)) == [
        f"$.nodes[{index}].props.cidr",
        f"$.nodes[{index}].usage",
    ]


def test_the_frontend_offers_the_same_regions_as_the_catalog() -> None:
    from designer.catalog.fields import REGIONS

    source = (Path(__file__).resolve().parents[2] / "frontend" / "src" / "regions.ts").read_text()
    listed = re.findall(r'"([a-z]{2}-[a-z]+-[0-9])"', source.split("export const REGIONS", 1)[1].split("]", 1)[0])
    assert tuple(listed) == REGIONS
