"""Graviton (Arm) equivalents: the same size one family over, where the workload's runtime runs on Arm.

Sources: AWS Graviton (https://aws.amazon.com/ec2/graviton/), Lambda instruction set architectures
(https://docs.aws.amazon.com/lambda/latest/dg/foundation-arch.html), Fargate on Arm
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-arm64.html), RDS Graviton instance classes
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html).

Assumptions: an EC2 instance or Auto Scaling group moves only when it runs Linux (Windows has no Arm AMI); RDS
only for PostgreSQL, MySQL and MariaDB (SQL Server and Oracle have no Graviton classes); ElastiCache for every
engine; a Fargate service or a Lambda function whatever its runtime, with the caveat that its image or native
dependencies must be built for arm64; an EKS node group (Amazon Linux 2023 and Bottlerocket have arm64 AMIs) with
the same caveat for its images. A family maps to the Graviton family of its generation (m6i -> m6g,
m7i -> m7g, m5 -> m6g, t3 -> t4g); a target the catalog does not offer is not suggested.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...graph import ArchitectureGraph, GraphNode
from ..model import Change, Fix
from ._common import instances, label, offered, set_props
from .model import Candidate

SOURCE = "https://aws.amazon.com/ec2/graviton/"
FAMILIES = {
    "t3": "t4g",
    "t3a": "t4g",
    "m5": "m6g",
    "m5a": "m6g",
    "m6i": "m6g",
    "m6a": "m6g",
    "m7i": "m7g",
    "m7a": "m7g",
    "c5": "c6g",
    "c5a": "c6g",
    "c6i": "c6g",
    "c6a": "c6g",
    "c7i": "c7g",
    "c7a": "c7g",
    "r5": "r6g",
    "r5a": "r6g",
    "r6i": "r6g",
    "r6a": "r6g",
    "r7i": "r7g",
    "r7a": "r7g",
}
RDS_ENGINES = ("postgres", "mysql", "mariadb", "aurora-postgresql", "aurora-mysql")


def graviton_type(instance_type: str) -> str | None:
    """`m6i.large` -> `m6g.large`; `db.r5.xlarge` -> `db.r6g.xlarge`; None when there is no equivalent."""
    prefix = ""
    for known in ("db.", "cache."):
        if instance_type.startswith(known):
            prefix, instance_type = known, instance_type[len(known) :]
    family, _, size = instance_type.partition(".")
    target = FAMILIES.get(family)
    if target is None or not size or size.startswith("metal"):
        return None
    return f"{prefix}{target}.{size}"


def candidates(graph: ArchitectureGraph) -> Iterator[Candidate]:
    for node in graph.nodes.values():
        yield from _of(node)


def _of(node: GraphNode) -> Iterator[Candidate]:
    p = node.props
    if node.kind == "aws.ec2.instance" and p.get("os") == "linux":
        yield from _swap(node, "instance_type", str(p["instance_type"]))
    elif node.kind == "aws.autoscaling.group" and p.get("os") == "linux" and p.get("instance_types"):
        types = [str(t) for t in p["instance_types"]]
        targets = [graviton_type(t) for t in types]
        if all(targets) and all(offered(node, "instance_types", str(t)) for t in targets):
            fix = set_props(f"Use {', '.join(str(t) for t in targets)}", node.id, instance_types=targets)
            names = ", ".join(str(t) for t in targets)
            yield _candidate(node, fix, f"{types[0]} -> {targets[0]}", f"{names} (Graviton)")
    elif node.kind in ("aws.rds.instance", "aws.rds.aurora_cluster") and p.get("engine") in RDS_ENGINES:
        if p.get("instance_class") != "db.serverless":
            yield from _swap(node, "instance_class", str(p["instance_class"]))
    elif node.kind == "aws.eks.cluster" and p.get("node_group_type") != "fargate":
        yield from _swap(node, "instance_type", str(p["instance_type"]))
    elif node.kind == "aws.elasticache.cluster":
        yield from _swap(node, "node_type", str(p["node_type"]))
    elif node.kind == "aws.lambda.function" and p.get("architecture") == "x86_64":
        fix = set_props("Run it on arm64", node.id, architecture="arm64")
        yield _candidate(node, fix, "x86_64 -> arm64", "arm64 (Graviton), if its dependencies are built for arm64")
    elif node.kind == "aws.ecs.service" and p.get("launch_type") == "FARGATE" and p.get("architecture") == "x86_64":
        fix = set_props("Run its tasks on arm64", node.id, architecture="arm64")
        yield _candidate(
            node, fix, "x86_64 -> arm64", "arm64 (Graviton) Fargate tasks, once its image is built for arm64"
        )


def _swap(node: GraphNode, field: str, current: str) -> Iterator[Candidate]:
    target = graviton_type(current)
    if target is None or not offered(node, field, target):
        return
    fix = Fix(f"Use {target}", (Change("set", node=node.id, field=f"props.{field}", value=target),))
    yield _candidate(node, fix, f"{current} -> {target}", f"{target} instead of {current}")


def _candidate(node: GraphNode, fix: Fix, change: str, what: str) -> Candidate:
    return Candidate(
        id=f"graviton:{node.id}",
        kind="graviton",
        title=f"Graviton for {label(node)}: {change}",
        message=f"{label(node)} can run on {what}.",
        nodes=(node.id,),
        fix=fix,
        source_url=SOURCE,
        per=instances(node),
    )
