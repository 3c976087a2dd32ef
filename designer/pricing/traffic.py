"""Charges for the data connections carry (an edge's `usage.data_gb_month`):

- internet egress: an edge to or from Users / Internet is billed as data transfer out of AWS from the AWS
  end's region (through CloudFront, as CloudFront data transfer instead);
- NAT processing: traffic from something in a private subnet to something outside its VPC crosses the VPC's
  NAT gateway, unless a gateway endpoint routes that subnet to S3 or DynamoDB; traffic to the on-premises network
  goes over the VPN or Direct Connect instead (priced on those);
- inter-AZ transfer: between two ends in one VPC, the share that must cross zones (1 minus the share of the
  source's AZs the target also has), billed in each direction. Load balancers are exempt: data between a
  load balancer and its targets across zones is not charged.

Sources: https://aws.amazon.com/ec2/pricing/on-demand/ ("Data Transfer"; "Data Transfer within the same AWS
Region" is $0.01/GB in each direction), https://aws.amazon.com/vpc/pricing/ (NAT data processing),
https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html (gateway endpoints carry S3 and
DynamoDB traffic without a NAT).
"""

from __future__ import annotations

from decimal import Decimal

from ..graph import ArchitectureGraph, GraphEdge, GraphNode
from .charges import Charge, dec, query
from .estimators._common import data_transfer_out
from .estimators.nat_gateway import data_processed
from .selection import GLOBAL_REGION

USERS = "external.users"
DATACENTER = "external.datacenter"
LOAD_BALANCERS = {"aws.elb.application_load_balancer", "aws.elb.network_load_balancer"}
OUTSIDE_VPC_SERVICES = {
    "aws.s3.bucket",
    "aws.dynamodb.table",
    "aws.sqs.queue",
    "aws.sns.topic",
    "aws.eventbridge.event_bus",
    "aws.stepfunctions.state_machine",
    "aws.secretsmanager.secret",
    "aws.kms.key",
    "aws.cloudwatch.log_group",
    "aws.apigateway.api",
    "aws.lambda.function",
}
GATEWAY_SERVICES = {"aws.s3.bucket": "s3", "aws.dynamodb.table": "dynamodb"}


def edge_charges(graph: ArchitectureGraph, edge: GraphEdge) -> list[Charge]:
    gb = dec(edge.usage.get("data_gb_month", 0))
    if not gb:
        return []
    source, target = graph.node(edge.source), graph.node(edge.target)
    if USERS in (source.kind, target.kind):
        inside = target if source.kind == USERS else source
        if inside.kind == "aws.cloudfront.distribution":
            return [
                Charge(
                    "CloudFront data transfer out (United States edge)",
                    gb,
                    "GB",
                    query(
                        "AmazonCloudFront",
                        GLOBAL_REGION,
                        family="Data Transfer",
                        usage="DataTransfer-Out-Bytes",
                        transferType="CloudFront Outbound",
                        fromLocation="United States",
                    ),
                )
            ]
        return [data_transfer_out(inside.region, gb, f"Data transfer out to the internet from {inside.label}")]
    charges = []
    nat = crossing_nat(graph, source, target)
    if nat is not None:
        charges.append(data_processed(nat.region, gb, f"NAT data processing through {nat.label}"))
    crossing = inter_az_share(source, target)
    if crossing:
        # Billed on the way out of one zone and on the way into the other.
        charges.append(
            Charge(
                f"Inter-AZ data transfer ({(crossing * 100).normalize():f}% crosses zones, both ways)",
                gb * crossing * 2,
                "GB",
                query(
                    "AWSDataTransfer",
                    source.region,
                    family="Data Transfer",
                    usage="DataTransfer-Regional-Bytes",
                    transferType="IntraRegion",
                ),
            )
        )
    return charges


def _private(graph: ArchitectureGraph, node: GraphNode) -> bool:
    return any(graph.node(s).props.get("tier") == "private" for s in node.subnets)


def crossing_nat(graph: ArchitectureGraph, source: GraphNode, target: GraphNode) -> GraphNode | None:
    """The NAT gateway traffic from `source` to `target` goes through, if it goes through one."""
    if source.vpc is None or not _private(graph, source):
        return None
    if target.kind == DATACENTER:
        return None  # reached over the VPN or Direct Connect, not through the NAT gateway
    if target.vpc == source.vpc or (target.kind not in OUTSIDE_VPC_SERVICES and target.vpc is not None):
        return None
    if target.kind == "aws.lambda.function" and target.vpc is not None:
        return None
    service = GATEWAY_SERVICES.get(target.kind)
    if service is not None:
        for endpoint in graph.of_kind("aws.vpc.gateway_endpoint"):
            if endpoint.vpc != source.vpc or endpoint.props["service"] != service:
                continue
            routed = endpoint.props["route_subnets"] or [
                s.id for s in graph.of_kind("aws.vpc.subnet") if s.vpc == source.vpc and s.props["tier"] != "public"
            ]
            if set(source.subnets) <= set(routed):
                return None
    nats = [n for n in graph.of_kind("aws.vpc.nat_gateway") if n.vpc == source.vpc]
    if not nats:
        return None  # no route out: a design problem, reported by the checks, not a cost
    same_zone = [n for n in nats if set(n.azs) & set(source.azs)]
    return (same_zone or nats)[0]


def inter_az_share(source: GraphNode, target: GraphNode) -> Decimal:
    if source.vpc is None or source.vpc != target.vpc or not source.azs or not target.azs:
        return Decimal(0)
    if source.kind in LOAD_BALANCERS or target.kind in LOAD_BALANCERS:
        return Decimal(0)
    shared = len(set(source.azs) & set(target.azs))
    return Decimal(1) - Decimal(shared) / Decimal(len(source.azs))
