"""Gateway endpoints for S3 and DynamoDB: traffic from private subnets to either service stops crossing the NAT
gateway, whose data processing is charged per GB, while the gateway endpoint itself is free.

Sources: Gateway endpoints (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html), Amazon
VPC pricing (https://aws.amazon.com/vpc/pricing/). One candidate per VPC and service whose traffic crosses a NAT
(pricing.traffic.crossing_nat decides, as the estimate does); the saving is the NAT processing of the
connections' data, so connections without a data volume save nothing and suggest nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...graph import ArchitectureGraph
from ...pricing.traffic import GATEWAY_SERVICES, crossing_nat
from ..model import Change, Fix
from ._common import label
from .model import Candidate

SOURCE = "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html"
NAMES = {"s3": "S3", "dynamodb": "DynamoDB"}


def candidates(graph: ArchitectureGraph) -> Iterator[Candidate]:
    crossing: dict[tuple[str, str], list[str]] = {}
    for edge in graph.edges:
        source, target = graph.node(edge.source), graph.node(edge.target)
        service = GATEWAY_SERVICES.get(target.kind)
        if service is None or source.vpc is None or crossing_nat(graph, source, target) is None:
            continue
        crossing.setdefault((source.vpc, service), []).append(edge.id)
    for (vpc_id, service), edges in sorted(crossing.items()):
        vpc = graph.node(vpc_id)
        endpoint_id = _free_id(graph, f"{vpc_id}-{service}-endpoint")
        node = {
            "id": endpoint_id,
            "kind": "aws.vpc.gateway_endpoint",
            "label": f"{NAMES[service]} gateway endpoint",
            "parent": vpc_id,
            "props": {"service": service},
            "position": {"x": 24, "y": 48},
        }
        yield Candidate(
            id=f"gateway-endpoint:{vpc_id}:{service}",
            kind="gateway-endpoint",
            title=f"A {NAMES[service]} gateway endpoint in {label(vpc)}",
            message=f"{NAMES[service]} traffic from {label(vpc)}'s private subnets ({len(edges)} connection"
            f"{'s' if len(edges) != 1 else ''}) crosses its NAT gateway; a gateway endpoint carries it for free.",
            nodes=(vpc_id,),
            fix=Fix(f"Add an {NAMES[service]} gateway endpoint", (Change("add_node", value=node),)),
            source_url=SOURCE,
        )


def _free_id(graph: ArchitectureGraph, wanted: str) -> str:
    candidate, n = wanted, 2
    while candidate in graph.nodes:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate
