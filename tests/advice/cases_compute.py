"""Cases for the compute, security, edge and integration rules (designer/advice/rules/compute/, security/ and
edge/)."""

from __future__ import annotations

from typing import Any

from tests.advice.rule_cases import Case, Document
from tests.engines.design_builders import (
    ASG,
    AZ,
    CLOUDFRONT,
    EC2,
    ECS_CLUSTER,
    ECS_SERVICE,
    LAMBDA,
    LOGS,
    S3,
    SQS,
    SUBNET,
    VPC,
    doc,
    edge,
    node,
)

APIGW = "aws.apigateway.api"
IAM_ROLE = "aws.iam.role"
KMS = "aws.kms.key"
SECRET = "aws.secretsmanager.secret"
SNS = "aws.sns.topic"


def two_zones(*more: dict[str, Any], edges: tuple[dict[str, Any], ...] = ()) -> Document:
    """A VPC with two AZs, each with a public and a private subnet (`public-a`, `private-a`, `-b`), and `more`."""
    nodes = [node("vpc", VPC, cidr="10.0.0.0/16")]
    for i, letter in enumerate("ab"):
        nodes.append(node(f"az-{letter}", AZ, "vpc", name=f"us-east-1{letter}"))
        nodes.append(node(f"public-{letter}", SUBNET, f"az-{letter}", cidr=f"10.0.{i}.0/24", tier="public"))
        nodes.append(node(f"private-{letter}", SUBNET, f"az-{letter}", cidr=f"10.0.{10 + i}.0/24", tier="private"))
    return doc(*nodes, *more, edges=edges)


def ecs(desired_count: int, *subnets: str) -> Document:
    return two_zones(
        node("cluster", ECS_CLUSTER, "vpc"),
        node("web", ECS_SERVICE, "cluster", desired_count=desired_count, subnets=list(subnets)),
    )


def role(managed: str, statement: dict[str, Any]) -> Document:
    """An IAM role naming the AWS managed policy `managed`, imported from a template whose inline policy holds
    `statement` and an X-Ray statement that can only name every resource."""
    xray = {"Effect": "Allow", "Action": ["xray:PutTraceSegments"], "Resource": "*"}
    document = {"Version": "2012-10-17", "Statement": [statement, xray]}
    cfn = {
        "logical_id": "AppRole",
        "type": "AWS::IAM::Role",
        "properties": {"Policies": [{"PolicyName": "App", "PolicyDocument": document}]},
    }
    app_role = node("role", IAM_ROLE, label="App role", managed_policy_arns=[f"arn:aws:iam::aws:policy/{managed}"])
    return doc({**app_role, "cfn": cfn})


def s3_to_lambda(cfn: dict[str, Any] | None = None) -> Document:
    function = node("fn", LAMBDA, label="Thumbnails")
    if cfn is not None:
        function["cfn"] = cfn
    return doc(node("uploads", S3), function, edges=[edge("e1", "uploads", "fn")])


def s3_to_topic(*key: dict[str, Any]) -> Document:
    nodes = [node("uploads", S3), node("topic", SNS, label="Uploads topic"), *key]
    edges = [edge("e1", "uploads", "topic")]
    if key:
        edges.append(edge("e2", "key", "topic"))
    return doc(*nodes, edges=edges)


def ec2(public_ip: bool) -> Document:
    return two_zones(node("bastion", EC2, "public-a", public_ip=public_ip))


_SCOPED = {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::uploads/*"}

CASES: list[Case] = [
    Case(
        "iam-wildcard",
        triggers=lambda: role("AdministratorAccess", {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}),
        passes=lambda: role("AmazonS3ReadOnlyAccess", _SCOPED),
        nodes=("role",),
        fixed=False,
        message="AdministratorAccess",
    ),
    Case(
        "lambda-async-without-dlq",
        triggers=s3_to_lambda,
        passes=lambda: s3_to_lambda(
            {
                "logical_id": "Thumbnails",
                "type": "AWS::Lambda::Function",
                "properties": {"DeadLetterConfig": {"TargetArn": "arn:aws:sqs:us-east-1:123456789012:failed"}},
            }
        ),
        nodes=("fn",),
        fixed=False,
        message="invoked asynchronously",
    ),
    Case(
        "cloudfront-without-waf",
        triggers=lambda: doc(node("cdn", CLOUDFRONT, waf=False)),
        passes=lambda: doc(node("cdn", CLOUDFRONT, waf=True)),
        nodes=("cdn",),
        message="no AWS WAF web ACL",
    ),
    Case(
        "cloudfront-old-tls",
        triggers=lambda: doc(node("cdn", CLOUDFRONT, minimum_protocol_version="TLSv1.1_2016")),
        passes=lambda: doc(node("cdn", CLOUDFRONT, minimum_protocol_version="TLSv1.2_2019")),
        nodes=("cdn",),
        message="below 1.2",
    ),
    Case(
        "cloudfront-allows-http",
        triggers=lambda: doc(node("cdn", CLOUDFRONT, viewer_protocol_policy="allow-all")),
        passes=lambda: doc(node("cdn", CLOUDFRONT, viewer_protocol_policy="https-only")),
        nodes=("cdn",),
        message="plain HTTP",
    ),
    Case(
        "log-retention-unset",
        triggers=lambda: doc(node("logs", LOGS, retention_days=0)),
        passes=lambda: doc(node("logs", LOGS, retention_days=90)),
        nodes=("logs",),
        message="keeps logs forever",
    ),
    Case(
        "auto-scaling-group-in-one-az",
        triggers=lambda: two_zones(node("asg", ASG, "vpc", subnets=["private-a"])),
        passes=lambda: two_zones(node("asg", ASG, "vpc", subnets=["private-a", "private-b"])),
        nodes=("asg",),
        message="one Availability Zone",
    ),
    Case(
        "ecs-service-single-task",
        triggers=lambda: ecs(1, "private-a", "private-b"),
        passes=lambda: ecs(2, "private-a", "private-b"),
        nodes=("web",),
        message="single task",
    ),
    Case(
        "ecs-service-in-one-az",
        triggers=lambda: ecs(3, "private-a"),
        passes=lambda: ecs(3, "private-a", "private-b"),
        nodes=("web",),
        message="all 3 tasks in one Availability Zone",
    ),
    Case(
        "ec2-public-ip",
        triggers=lambda: ec2(public_ip=True),
        passes=lambda: ec2(public_ip=False),
        nodes=("bastion",),
        message="public IP address",
    ),
    Case(
        "sqs-without-dlq",
        triggers=lambda: doc(node("jobs", SQS, max_receive_count=0)),
        passes=lambda: doc(node("jobs", SQS, max_receive_count=3)),
        nodes=("jobs",),
        message="no dead-letter queue",
    ),
    Case(
        "sns-topic-unencrypted",
        triggers=s3_to_topic,
        passes=lambda: s3_to_topic(node("key", KMS)),
        nodes=("topic",),
        message="stored unencrypted",
    ),
    Case(
        "secret-without-rotation",
        triggers=lambda: doc(node("db-password", SECRET, rotation_days=0)),
        passes=lambda: doc(node("db-password", SECRET, rotation_days=90)),
        nodes=("db-password",),
        message="never rotated",
    ),
    Case(
        "kms-key-rotation-off",
        triggers=lambda: doc(node("key", KMS, key_rotation=False)),
        passes=lambda: doc(node("key", KMS, key_rotation=True)),
        nodes=("key",),
        message="rotation off",
    ),
    Case(
        "api-gateway-without-access-logs",
        triggers=lambda: doc(node("api", APIGW, api_type="HTTP")),
        passes=lambda: doc(node("api", APIGW, api_type="HTTP"), node("logs", LOGS), edges=[edge("e1", "api", "logs")]),
        nodes=("api",),
        message="no access logs",
    ),
]
