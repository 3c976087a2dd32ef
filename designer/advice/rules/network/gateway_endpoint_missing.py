"""Traffic from private subnets to S3 or DynamoDB should take a gateway endpoint, not the NAT gateway: the endpoint
is free and keeps the traffic on the AWS network, while the NAT gateway charges for every gigabyte it processes.

Source: Amazon VPC AWS PrivateLink guide, "Gateway endpoints"
(https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html): gateway endpoints give S3 and DynamoDB
a route from the subnets' route tables, with no additional charge.

Assumptions: a node in a private subnet of a VPC with a public NAT gateway sends its S3 or DynamoDB traffic (an
`access` or `replication` connection) through that NAT gateway unless a gateway endpoint for the service routes
its subnet (one listing no subnets routes every private and isolated subnet, as the catalog says). Isolated
subnets have no NAT route and are not this rule's concern. One finding per VPC and service. The fix adds a gateway
endpoint for the service to the VPC; when one exists but leaves the subnets out, it adds them to its list.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import VPC, ArchitectureGraph, GraphEdge, GraphNode
from ...model import Change, Fix, Hit, Rule
from .._helpers import name
from ._common import GATEWAY_ENDPOINT, free_position, new_node, public_nat_gateways, quoted, routed_subnets, unique_id

SERVICES = {"aws.s3.bucket": ("s3", "S3"), "aws.dynamodb.table": ("dynamodb", "DynamoDB")}
ARTICLE = {"S3": "an", "DynamoDB": "a"}
MEANINGS = ("access", "replication")


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for vpc in graph.of_kind(VPC):
        if not public_nat_gateways(graph, vpc.id):
            continue
        endpoints = [n for n in graph.of_kind(GATEWAY_ENDPOINT) if n.vpc == vpc.id]
        for kind, (service, label) in SERVICES.items():
            routed = set().union(*(routed_subnets(graph, e) for e in endpoints if e.props.get("service") == service))
            missing: list[str] = []
            edges: list[GraphEdge] = []
            for edge in graph.edges:
                source = graph.node(edge.source)
                if edge.meaning not in MEANINGS or graph.node(edge.target).kind != kind or source.vpc != vpc.id:
                    continue
                unrouted = [
                    s for s in source.subnets if graph.node(s).props.get("tier") == "private" and s not in routed
                ]
                if unrouted:
                    edges.append(edge)
                    missing.extend(s for s in unrouted if s not in missing)
            if not edges:
                continue
            callers = list({e.source: graph.node(e.source) for e in edges}.values())
            verb = "reaches" if len(callers) == 1 else "reach"
            message = (
                f"{quoted(callers)} {verb} {label} through the NAT gateway of VPC {name(vpc)}, which charges for every "
                f"gigabyte: {ARTICLE[label]} {label} gateway endpoint carries that traffic privately and for free."
            )
            yield Hit(
                (vpc.id,), message, _fix(graph, vpc, service, label, endpoints, missing), tuple(e.id for e in edges)
            )


def _fix(
    graph: ArchitectureGraph, vpc: GraphNode, service: str, label: str, endpoints: list[GraphNode], missing: list[str]
) -> Fix:
    existing = [e for e in endpoints if e.props.get("service") == service]
    if existing:
        endpoint = existing[0]
        listed = list(endpoint.props.get("route_subnets") or ())
        subnets = [*listed, *(s for s in missing if s not in listed)]
        return Fix(
            f"Route {name(graph.node(missing[0]))} through {name(endpoint)}"
            if len(missing) == 1
            else f"Route the private subnets through {name(endpoint)}",
            (Change("set", endpoint.id, "props.route_subnets", subnets),),
        )
    node_id = unique_id(graph, f"{service}-endpoint", set())
    change = new_node(
        node_id, GATEWAY_ENDPOINT, f"{label} gateway endpoint", vpc.id, free_position(graph, vpc.id), service=service
    )
    return Fix(f"Add {ARTICLE[label]} {label} gateway endpoint", (change,))


RULE = Rule(
    id="gateway-endpoint-missing",
    severity="warning",
    title="S3 or DynamoDB traffic through a NAT gateway",
    source_url="https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
    check=check,
)
