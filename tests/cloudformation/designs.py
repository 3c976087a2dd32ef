"""The designs the CloudFormation bars are measured on, and cfn-lint run in process.

- `every_connection()`: one node of every kind (two of the kinds that connect to their own kind) and one edge
  for every connection the catalog allows, 196 of them, so every row of docs/connections.md is exercised.
- `examples()`: the three example designs shipped in examples/.
A plain module rather than conftest.py, so test modules import it by name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cfnlint.api import ManualArgs, lint_by_config

from designer.catalog import CATALOG
from designer.cloudformation.export import export
from designer.cloudformation.yaml_io import dump_yaml
from designer.graph import ArchitectureGraph
from tests.engines.design_builders import doc, edge, graph, loaded, node

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PRIVATE = ["private-a", "private-b"]
PUBLIC = ["public-a", "public-b"]
DATA = ["data-a", "data-b"]

# The second node of each kind that may connect to its own kind.
SECOND = {
    "aws.ec2.instance": "server-2",
    "aws.autoscaling.group": "asg-2",
    "aws.ecs.service": "service-2",
    "aws.eks.cluster": "eks-2",
    "aws.lambda.function": "fn-2",
    "aws.stepfunctions.state_machine": "workflow-2",
}


def _vpc() -> list[dict[str, Any]]:
    out = [node("vpc", "aws.vpc.vpc", "region", cidr="10.0.0.0/16")]
    for i, letter in enumerate("ab"):
        zone = f"az-{letter}"
        out.append(node(zone, "aws.vpc.availability_zone", "vpc", name=f"us-east-1{letter}"))
        out.append(node(f"public-{letter}", "aws.vpc.subnet", zone, cidr=f"10.0.{i}.0/24", tier="public"))
        out.append(node(f"private-{letter}", "aws.vpc.subnet", zone, cidr=f"10.0.{10 + i}.0/24", tier="private"))
        out.append(node(f"data-{letter}", "aws.vpc.subnet", zone, cidr=f"10.0.{20 + i}.0/24", tier="isolated"))
    return out


def every_connection_nodes() -> list[dict[str, Any]]:
    return [
        node("region", "aws.region", region="us-east-1"),
        *_vpc(),
        node("igw", "aws.vpc.internet_gateway", "vpc"),
        node("nat", "aws.vpc.nat_gateway", "public-a"),
        node("sg", "aws.vpc.security_group", "vpc"),
        node("nacl", "aws.vpc.network_acl", "vpc", subnets=DATA),
        node("alb", "aws.elb.application_load_balancer", "vpc", subnets=PUBLIC),
        node("nlb", "aws.elb.network_load_balancer", "vpc", subnets=PUBLIC, listener_protocol="TCP"),
        node("s3-endpoint", "aws.vpc.gateway_endpoint", "vpc", service="s3", route_subnets=PRIVATE),
        node("secrets-endpoint", "aws.vpc.interface_endpoint", "vpc", subnets=PRIVATE),
        node("resolver", "aws.route53resolver.endpoint", "vpc", subnets=PRIVATE),
        node("tgw", "aws.ec2.transit_gateway", "region"),
        node("vpn", "aws.vpc.vpn_connection", "region", routing="static"),
        node("dx", "aws.directconnect.connection", "region"),
        node("zone", "aws.route53.hosted_zone", domain_name="example.com"),
        node("cdn", "aws.cloudfront.distribution"),
        node("api", "aws.apigateway.api", "region", api_type="HTTP"),
        node("server", "aws.ec2.instance", "private-a"),
        node("server-2", "aws.ec2.instance", "private-b"),
        node("asg", "aws.autoscaling.group", "vpc", subnets=PRIVATE),
        node("asg-2", "aws.autoscaling.group", "vpc", subnets=PRIVATE),
        node("cluster", "aws.ecs.cluster", "vpc"),
        node("service", "aws.ecs.service", "cluster", subnets=PRIVATE),
        node("service-2", "aws.ecs.service", "cluster", subnets=PRIVATE),
        node("eks", "aws.eks.cluster", "vpc", subnets=PRIVATE),
        node("eks-2", "aws.eks.cluster", "vpc", subnets=PRIVATE),
        node("fn", "aws.lambda.function", "vpc", subnets=PRIVATE, timeout_s=60),
        node("fn-2", "aws.lambda.function", "region"),
        node("volume", "aws.ebs.volume", "private-a"),
        node("bucket", "aws.s3.bucket", "region"),
        node("files", "aws.efs.file_system", "vpc", subnets=DATA),
        node("rds", "aws.rds.instance", "vpc", subnets=DATA),
        node("aurora", "aws.rds.aurora_cluster", "vpc", subnets=DATA, instances=1),
        node("table", "aws.dynamodb.table", "region"),
        node("cache", "aws.elasticache.cluster", "vpc", subnets=DATA),
        node("queue", "aws.sqs.queue", "region"),
        node("topic", "aws.sns.topic", "region"),
        node("bus", "aws.eventbridge.event_bus", "region", bus_name="orders"),
        node("rule", "aws.eventbridge.rule", "region"),
        node("workflow", "aws.stepfunctions.state_machine", "region"),
        node("workflow-2", "aws.stepfunctions.state_machine", "region"),
        node("role", "aws.iam.role", "region"),
        node("key", "aws.kms.key", "region"),
        node("secret", "aws.secretsmanager.secret", "region"),
        node("logs", "aws.cloudwatch.log_group", "region"),
        node("dms", "aws.dms.replication_instance", "vpc", subnets=PRIVATE),
        node("users", "external.users"),
        node("dc", "external.datacenter", cidr="192.168.0.0/16"),
    ]


def every_connection_document() -> dict[str, Any]:
    nodes = every_connection_nodes()
    first: dict[str, str] = {}
    for n in nodes:
        first.setdefault(n["kind"], n["id"])
    edges = []
    for (source, target), _connection in sorted(CATALOG.connections.items()):
        if source not in first or target not in first:
            continue
        target_id = SECOND[target] if source == target else first[target]
        edges.append(edge(f"{first[source]}-to-{target_id}", first[source], target_id))
    return doc(*nodes, edges=edges, name="Every connection")


def every_connection() -> ArchitectureGraph:
    return graph(*every_connection_nodes(), edges=every_connection_document()["edges"], name="Every connection")


def examples() -> dict[str, ArchitectureGraph]:
    from designer.graph import build

    return {p.stem: build(loaded(json.loads(p.read_text()))) for p in sorted(EXAMPLES.glob("*.json"))}


def lint(templates: dict[str, dict[str, Any]], tmp: Path) -> dict[str, list[str]]:
    """cfn-lint's errors and warnings for each template, written as YAML (informational findings are left out)."""
    paths = {}
    for name, template in templates.items():
        path = tmp / f"{name}.yaml"
        path.write_text(dump_yaml(template))
        paths[name] = path
    findings: dict[str, list[str]] = {name: [] for name in templates}
    by_path = {str(p): name for name, p in paths.items()}
    for match in lint_by_config(ManualArgs(templates=[str(p) for p in paths.values()])):
        if match.rule.id[0] in ("E", "W"):
            findings[by_path[str(match.filename)]].append(f"{match.rule.id} {match.message} (line {match.linenumber})")
    return findings


def exported(graphs: dict[str, ArchitectureGraph]) -> dict[str, dict[str, Any]]:
    return {name: export(g) for name, g in graphs.items()}
