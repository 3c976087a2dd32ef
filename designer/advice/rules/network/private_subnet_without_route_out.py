"""Compute in a private or isolated subnet that calls AWS APIs needs a route to them: a NAT gateway (for private
subnets) or VPC endpoints. Without either, the calls time out: Fargate tasks cannot pull their image or ship logs,
EKS nodes cannot join their cluster, a function cannot reach its queue.

Source: AWS Startup Security Baseline, WKLD.12 "Use VPC endpoints to access supported services": resources in a VPC
that access AWS services need a route to the internet or a VPC endpoint
(https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-startup-security-baseline/wkld-12.html).

Assumptions, following the catalog and the template export: private subnets route 0.0.0.0/0 to a public NAT
gateway of their VPC when there is one; isolated subnets route nowhere outside the VPC, so only an endpoint helps
them; a Transit Gateway attachment carries on-premises and VPC ranges, not a default route. Any VPC endpoint in the
VPC counts as a deliberate private path (which services it covers is not checked). What calls AWS APIs: every ECS
service (image pulls, logs) and EKS cluster (nodes register with the control plane); EC2 instances, Auto Scaling
groups and Lambda functions when they have an `access`, `logs` or `invoke` connection. No fix: choosing between a
NAT gateway and endpoints is a cost and security decision.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph, GraphNode
from ...model import Hit, Rule
from .._helpers import name
from ._common import ASG, EC2, endpoints, public_nat_gateways, quoted

ALWAYS = ("aws.ecs.service", "aws.eks.cluster")
WHEN_CONNECTED = (EC2, ASG, "aws.lambda.function")
API_MEANINGS = ("access", "logs", "invoke")


def calls_aws(graph: ArchitectureGraph, node: GraphNode) -> bool:
    if node.kind in ALWAYS:
        return True
    if node.kind == EC2 and node.parent is not None and graph.node(node.parent).kind == ASG:
        return False  # it illustrates a member of its group; the group is what counts
    return node.kind in WHEN_CONNECTED and any(e.meaning in API_MEANINGS for e in graph.outgoing(node.id))


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    stranded: dict[str, dict[str, list[GraphNode]]] = {}  # vpc -> subnet -> callers
    for node in graph.nodes.values():
        if node.vpc is None or not node.subnets or not calls_aws(graph, node):
            continue
        if endpoints(graph, node.vpc):
            continue
        has_nat = bool(public_nat_gateways(graph, node.vpc))
        for subnet_id in node.subnets:
            where = graph.node(subnet_id).props.get("tier")
            if where == "isolated" or (where == "private" and not has_nat):
                stranded.setdefault(node.vpc, {}).setdefault(subnet_id, []).append(node)
    for vpc_id, by_subnet in stranded.items():
        subnets = [graph.node(s) for s in by_subnet]
        callers = list({c.id: c for cs in by_subnet.values() for c in cs}.values())
        only_isolated = all(s.props.get("tier") == "isolated" for s in subnets)
        if only_isolated:
            why = "isolated subnets route nowhere outside the VPC, and the VPC has no endpoint"
            remedy = "add VPC endpoints for the services used, or make the subnets private behind a NAT gateway"
        else:
            why = "no NAT gateway serves them and the VPC has no endpoint"
            remedy = "add a NAT gateway in a public subnet, or VPC endpoints for the services used"
        one, alone = len(subnets) == 1, len(callers) == 1
        message = (
            f"{quoted(subnets)} in VPC {name(graph.node(vpc_id))} {'has' if one else 'have'} no route out ({why}), "
            f"yet {quoted(callers)} {'calls' if alone else 'call'} AWS APIs from {'it' if one else 'them'}: "
            f"{remedy}."
        )
        yield Hit(tuple(s.id for s in subnets), message)


RULE = Rule(
    id="private-subnet-without-route-out",
    severity="warning",
    title="Private subnet without a route to AWS APIs",
    source_url="https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-startup-security-baseline/wkld-12.html",
    check=check,
)
