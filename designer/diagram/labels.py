"""What a diagram writes on each box and arrow: a node's name and its key configuration
(`web · t3.medium × 2`, `orders · PostgreSQL db.m6g.large Multi-AZ`), a container's name and range, and what a
connection means (`TCP 5432`, `read-write`, `s3:ObjectCreated:*`).

Only the properties a reviewer would ask about first are shown; the rest are in the design.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..graph import ArchitectureGraph, GraphEdge, GraphNode

SEP = " · "

_ENGINES = {
    "postgres": "PostgreSQL",
    "mysql": "MySQL",
    "mariadb": "MariaDB",
    "oracle-se2": "Oracle SE2",
    "sqlserver-ex": "SQL Server Express",
    "sqlserver-web": "SQL Server Web",
    "sqlserver-se": "SQL Server SE",
    "sqlserver-ee": "SQL Server EE",
    "aurora-postgresql": "Aurora PostgreSQL",
    "aurora-mysql": "Aurora MySQL",
    "redis": "Redis",
    "valkey": "Valkey",
    "memcached": "Memcached",
}

# The port a connection reaches when the edge does not name one (the engine's or the listener's).
_ENGINE_PORTS = {
    "postgres": 5432,
    "aurora-postgresql": 5432,
    "mysql": 3306,
    "mariadb": 3306,
    "aurora-mysql": 3306,
    "oracle-se2": 1521,
    "redis": 6379,
    "valkey": 6379,
    "memcached": 11211,
}
# What an arrow says for the meanings that carry no port or action of their own.
_MEANING_WORDS = {
    "invoke": "invokes",
    "subscription": "subscribes",
    "target": "target",
    "routes": "routes",
    "encrypts": "encrypts",
    "logs": "logs",
    "attaches": "attached",
    "protects": "",
    "role": "",
    "dns": "DNS",
    "link": "",
    "attachment": "attached",
}


def default_port(node: GraphNode) -> int | None:
    p = node.props
    if node.kind in ("aws.rds.instance", "aws.rds.aurora_cluster", "aws.elasticache.cluster"):
        engine = str(p.get("engine", ""))
        return 1433 if engine.startswith("sqlserver") else _ENGINE_PORTS.get(engine)
    if node.kind == "aws.efs.file_system":
        return 2049
    if node.kind in ("aws.elb.application_load_balancer", "aws.elb.network_load_balancer"):
        return int(p["listener_port"])
    if node.kind == "aws.ecs.service":
        return int(p["container_port"])
    if node.kind == "aws.eks.cluster":
        return 443
    if node.kind in ("aws.ec2.instance", "aws.autoscaling.group"):
        return 80
    return None


def _times(n: Any) -> str:
    return f" × {n}" if int(n) > 1 else ""


def _gb(mib: Any) -> str:
    value = int(mib) / 1024
    return f"{value:g} GB"


def _ec2(n: GraphNode) -> str:
    return f"{n.props['instance_type']}{_times(n.props['count'])}"


def _asg(n: GraphNode) -> str:
    p = n.props
    types = ", ".join(p["instance_types"]) or "t3.medium"
    return f"{types} · {p['min_size']}–{p['max_size']} (desired {p['desired_capacity']})"


def _ecs_service(n: GraphNode) -> str:
    p = n.props
    return (
        f"{int(p['cpu']) / 1024:g} vCPU {_gb(p['memory_mib'])}{_times(p['desired_count'])} ({p['launch_type'].title()})"
    )


def _eks(n: GraphNode) -> str:
    p = n.props
    nodes = "Fargate" if p["node_group_type"] == "fargate" else f"{p['node_count']} × {p['instance_type']}"
    return f"Kubernetes {p['kubernetes_version']} · {nodes}"


def _lambda(n: GraphNode) -> str:
    return f"{n.props['runtime']} {n.props['memory_mb']} MB"


def _rds(n: GraphNode) -> str:
    p = n.props
    return f"{_ENGINES.get(p['engine'], p['engine'])} {p['instance_class']}{' Multi-AZ' if p['multi_az'] else ''}"


def _aurora(n: GraphNode) -> str:
    p = n.props
    engine = _ENGINES.get(p["engine"], p["engine"])
    if p["capacity_mode"] == "serverless_v2":
        return f"{engine} Serverless v2 {p['min_acu']:g}–{p['max_acu']:g} ACU{_times(p['instances'])}"
    return f"{engine} {p['instance_class']}{_times(p['instances'])}"


def _cache(n: GraphNode) -> str:
    p = n.props
    nodes = int(p["nodes"]) * (1 + int(p["replicas"])) if p["engine"] != "memcached" else int(p["nodes"])
    return f"{_ENGINES.get(p['engine'], p['engine'])} {p['node_type']}{_times(nodes)}"


def _dynamodb(n: GraphNode) -> str:
    p = n.props
    if p["billing_mode"] == "PROVISIONED":
        return f"provisioned {p['read_capacity']} RCU / {p['write_capacity']} WCU"
    return "on-demand"


def _load_balancer(n: GraphNode) -> str:
    p = n.props
    internal = " internal" if p["scheme"] == "internal" else ""
    return f"{p['listener_protocol']}:{p['listener_port']}{internal}"


def _resolver_endpoint(n: GraphNode) -> str:
    direction = str(n.props["direction"]).lower()
    return "" if direction in n.label.lower() else f"{direction} endpoint"


DETAILS: dict[str, Callable[[GraphNode], str]] = {
    "aws.ec2.instance": _ec2,
    "aws.autoscaling.group": _asg,
    "aws.ecs.service": _ecs_service,
    "aws.eks.cluster": _eks,
    "aws.lambda.function": _lambda,
    "aws.rds.instance": _rds,
    "aws.rds.aurora_cluster": _aurora,
    "aws.elasticache.cluster": _cache,
    "aws.dynamodb.table": _dynamodb,
    "aws.elb.application_load_balancer": _load_balancer,
    "aws.elb.network_load_balancer": _load_balancer,
    "aws.ebs.volume": lambda n: f"{n.props['volume_type']} {n.props['size_gb']} GB",
    "aws.s3.bucket": lambda n: str(n.props["storage_class"]).replace("_", " ").title(),
    "aws.efs.file_system": lambda n: f"{n.props['throughput_mode']} throughput",
    "aws.sqs.queue": lambda n: "FIFO" if n.props["queue_type"] == "fifo" else "",
    "aws.sns.topic": lambda n: "FIFO" if n.props["topic_type"] == "fifo" else "",
    "aws.stepfunctions.state_machine": lambda n: str(n.props["workflow_type"]).title(),
    "aws.eventbridge.rule": lambda n: str(n.props["schedule_expression"]) if n.props["trigger"] == "schedule" else "",
    "aws.eventbridge.event_bus": lambda n: str(n.props["bus_name"]),
    "aws.apigateway.api": lambda n: f"{n.props['api_type']} API",
    "aws.cloudfront.distribution": lambda n: str(n.props["price_class"]).replace("PriceClass_", "price class "),
    "aws.route53.hosted_zone": lambda n: (
        ("" if n.props["domain_name"] == n.label else f"{n.props['domain_name']} ")
        + ("private zone" if n.props["private_zone"] else "public zone")
    ),
    "aws.vpc.gateway_endpoint": lambda n: str(n.props["service"]),
    "aws.vpc.interface_endpoint": lambda n: str(n.props["service"]),
    "aws.route53resolver.endpoint": _resolver_endpoint,
    "aws.vpc.vpn_connection": lambda n: f"{n.props['routing']} routing",
    "aws.directconnect.connection": lambda n: str(n.props["bandwidth"]),
    "aws.dms.replication_instance": lambda n: str(n.props["instance_class"]),
    "aws.cloudwatch.log_group": lambda n: f"{n.props['retention_days']} days" if n.props["retention_days"] else "",
    "aws.cloudformation.resource": lambda n: str(n.props["type"]),
    "external.datacenter": lambda n: str(n.props["cidr"]),
}

# Containers: their box's title.
CONTAINER_DETAILS: dict[str, Callable[[GraphNode], str]] = {
    "aws.region": lambda n: str(n.props["region"]),
    "aws.vpc.vpc": lambda n: str(n.props["cidr"]),
    "aws.vpc.subnet": lambda n: f"{n.props['tier']} · {n.props['cidr']}",
    "aws.ecs.cluster": lambda n: "ECS cluster",
    "aws.autoscaling.group": _asg,
}


def dot_text(text: str) -> str:
    """`text` as a plain Graphviz label that draws it as written: Graphviz reads backslashes as escapes (`\\N`
    is the node's name, `\\l` a line break) and `&...;` as entities, so both are escaped."""
    return text.replace("\\", "\\\\").replace("&", "&amp;")


def html_text(text: str) -> str:
    """`text` inside a Graphviz HTML label, drawn as written (a backslash too: Graphviz expands `\\N` there as
    well, even written `&#92;N`, and reads `\\\\` as one backslash)."""
    return html.escape(text).replace("\\", "\\\\")


def money(value: Decimal | float) -> str:
    return f"${Decimal(value).quantize(Decimal('0.01')):,}"


def node_label(node: GraphNode, cost: Decimal | None = None) -> str:
    """Two lines at most, plus the monthly cost when an estimate gave one."""
    describe = DETAILS.get(node.kind)
    detail = describe(node) if describe is not None else ""
    lines = [node.label]
    if detail and detail != node.label:
        lines.append(detail)
    if cost is not None:
        lines.append(f"{money(cost)}/month")
    return "\n".join(_wrap(line) for line in lines)


def container_label(node: GraphNode) -> str:
    describe = CONTAINER_DETAILS.get(node.kind)
    detail = describe(node) if describe is not None else ""
    if node.kind == "aws.vpc.availability_zone":
        return node.label
    return f"{node.label}{SEP}{detail}" if detail and detail != node.label else node.label


def _wrap(text: str, width: int = 18) -> str:
    """Long names break at a space so a label stays about as wide as its icon; a count (`× 2`) is never
    split."""
    if len(text) <= width:
        return text
    words, lines, line = text.replace(" × ", " ×\0").split(" "), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines).replace("\0", " ")


def edge_label(graph: ArchitectureGraph, edge: GraphEdge) -> str:
    """What the connection carries: a port and protocol, an access level, an event, a route."""
    p = edge.props
    target = graph.node(edge.target)
    if edge.label:
        return edge.label
    if edge.meaning == "traffic":
        port = p.get("port") or default_port(target)
        return f"{str(p.get('protocol') or 'tcp').upper()} {port}" if port else ""
    if edge.meaning == "ingress":
        return f"{p['protocol']} {p['port']}"
    if edge.meaning == "access":
        return str(p["access"])
    if edge.meaning == "event_source":
        return f"batch {p['batch_size']}"
    if edge.meaning == "notification":
        return str(p["events"]).removeprefix("s3:")
    if edge.meaning == "integration":
        return str(p["route"])
    if edge.meaning == "origin":
        return str(p["path_pattern"]) if p["path_pattern"] != "*" else "default"
    if edge.meaning == "alias":
        return f"{p['record_type']} {p['record_name'] or '@'}"
    if edge.meaning == "replication":
        return str(p["migration_type"])
    return _MEANING_WORDS.get(edge.meaning, "")


DASHED = frozenset({"protects", "role", "encrypts", "logs", "attachment", "link", "attaches"})


@dataclass(frozen=True)
class Arrow:
    """One arrow of the picture: a connection, or two between the same pair (one each way, or alike), drawn
    once so their lines and labels do not lie on top of each other."""

    source: str
    target: str
    label: str
    both_ways: bool
    dashed: bool


def arrows(graph: ArchitectureGraph) -> list[Arrow]:
    grouped: dict[frozenset[str], list[GraphEdge]] = {}
    for edge in graph.edges:
        grouped.setdefault(frozenset((edge.source, edge.target)), []).append(edge)
    out = []
    for edges in grouped.values():
        first = edges[0]
        texts = [t for t in (edge_label(graph, e) for e in edges) if t]
        both = any(e.source != first.source for e in edges)
        if both and len(texts) > 1:
            forward = [edge_label(graph, e) for e in edges if e.source == first.source]
            backward = [edge_label(graph, e) for e in edges if e.source != first.source]
            texts = [f"→ {' / '.join(t for t in forward if t)}", f"← {' / '.join(t for t in backward if t)}"]
        out.append(Arrow(first.source, first.target, "\n".join(texts), both, all(e.meaning in DASHED for e in edges)))
    return _fanned(out)


def _fanned(arrows: list[Arrow]) -> list[Arrow]:
    """Ten arrows from one load balancer, all saying TCP 8080, need the label once: a run of three or more
    arrows from (or to) one node with the same label keeps it on the first only."""
    seen: dict[tuple[str, str, str], int] = {}
    counts: dict[tuple[str, str, str], int] = {}
    for arrow in arrows:
        for key in (("from", arrow.source, arrow.label), ("to", arrow.target, arrow.label)):
            counts[key] = counts.get(key, 0) + 1
    out = []
    for arrow in arrows:
        label = arrow.label
        for key in (("from", arrow.source, arrow.label), ("to", arrow.target, arrow.label)):
            if label and counts[key] >= 3:
                seen[key] = seen.get(key, 0) + 1
                if seen[key] > 1:
                    label = ""
        out.append(Arrow(arrow.source, arrow.target, label, arrow.both_ways, arrow.dashed))
    return out
