"""Builders for the small design documents the engine tests feed to `load()` and `build()`.

A plain module rather than conftest.py: tests/conftest.py is also imported as `conftest`, so importing builders
from a conftest would depend on which one pytest loaded last.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from string import ascii_lowercase
from typing import Any

from designer.document import DesignDocument, LoadResult, load
from designer.graph import ArchitectureGraph, build

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Kind ids spelled out here, not imported from the catalog, so a renamed kind breaks the tests.
REGION = "aws.region"
VPC = "aws.vpc.vpc"
AZ = "aws.vpc.availability_zone"
SUBNET = "aws.vpc.subnet"
NAT = "aws.vpc.nat_gateway"
NACL = "aws.vpc.network_acl"
ALB = "aws.elb.application_load_balancer"
EC2 = "aws.ec2.instance"
ASG = "aws.autoscaling.group"
ECS_CLUSTER = "aws.ecs.cluster"
ECS_SERVICE = "aws.ecs.service"
LAMBDA = "aws.lambda.function"
EBS = "aws.ebs.volume"
S3 = "aws.s3.bucket"
RDS = "aws.rds.instance"
AURORA = "aws.rds.aurora_cluster"
DYNAMODB = "aws.dynamodb.table"
SQS = "aws.sqs.queue"
LOGS = "aws.cloudwatch.log_group"
ROUTE53 = "aws.route53.hosted_zone"
CLOUDFRONT = "aws.cloudfront.distribution"
USERS = "external.users"


def doc(*nodes: Any, edges: Iterable[Any] = (), **top: Any) -> dict[str, Any]:
    """A version-1 design in us-east-1 holding `nodes` and `edges`; keyword arguments set top-level fields."""
    document: dict[str, Any] = {
        "type": "aws-architecture-design",
        "version": 1,
        "name": "Test design",
        "region": "us-east-1",
        "nodes": list(nodes),
        "edges": list(edges),
    }
    document.update(top)
    return document


def node(
    id: str,
    kind: str,
    parent: str | None = None,
    *,
    label: str | None = None,
    usage: dict[str, Any] | None = None,
    **props: Any,
) -> dict[str, Any]:
    """A node; keyword arguments other than `label` and `usage` are its properties."""
    out: dict[str, Any] = {"id": id, "kind": kind, "label": label or id, "parent": parent, "props": props}
    if usage is not None:
        out["usage"] = usage
    return out


def edge(
    id: str, source: str, target: str, *, label: str | None = None, usage: dict[str, Any] | None = None, **props: Any
) -> dict[str, Any]:
    """An edge; keyword arguments other than `label` and `usage` are its properties."""
    out: dict[str, Any] = {"id": id, "source": source, "target": target, "props": props}
    if label is not None:
        out["label"] = label
    if usage is not None:
        out["usage"] = usage
    return out


def network(
    prefix: str = "",
    *,
    cidr: str = "10.0.0.0/16",
    subnets: Iterable[str] = ("10.0.0.0/24", "10.0.1.0/24"),
    region: str = "us-east-1",
    parent: str | None = None,
) -> list[dict[str, Any]]:
    """A VPC with one named AZ per subnet CIDR, each holding that one subnet.

    Ids: `{prefix}vpc`, then `{prefix}az-a` (named `{region}a`) holding `{prefix}subnet-a`, then `-b` and so on.
    """
    out = [node(f"{prefix}vpc", VPC, parent, cidr=cidr)]
    for letter, subnet_cidr in zip(ascii_lowercase, subnets, strict=False):
        out.append(node(f"{prefix}az-{letter}", AZ, f"{prefix}vpc", name=f"{region}{letter}"))
        out.append(node(f"{prefix}subnet-{letter}", SUBNET, f"{prefix}az-{letter}", cidr=subnet_cidr))
    return out


def report(result: LoadResult) -> str:
    """The problems of a load, one a line, for assertion messages."""
    return "\n".join(p.line() for p in result.problems) or "no problems"


def loaded(document: dict[str, Any] | str | bytes, **kwargs: Any) -> DesignDocument:
    """The document `load()` returns, failing the test with every problem if it has errors."""
    result = load(document, **kwargs)
    assert result.document is not None, report(result)
    return result.document


def graph(*nodes: Any, edges: Iterable[Any] = (), **top: Any) -> ArchitectureGraph:
    """The graph of a design that must pass `load()`."""
    return build(loaded(doc(*nodes, edges=edges, **top)))
