"""Route 53 Resolver endpoint: an hour for each of its IP addresses (each is a network interface, an ENI) and the
DNS queries it carries.

Source: https://aws.amazon.com/route53/pricing/ (Resolver endpoints: per ENI per hour; per million queries
through the endpoints). The figures of the bundled snapshot are from AWS's Knowledge Center article on Resolver
endpoint costs (https://repost.aws/de/knowledge-center/route-53-resolver-endpoint-costs, German edition, read
from a stored copy): $0.125 per ENI-hour, $0.40 per million queries up to a billion a month and $0.20 beyond;
see data/aws-facts/list-prices.json. An endpoint has an IP address in each subnet it lists, and two at least
(the exporter puts both in a lone subnet).

The Resolver's prices sit in the AmazonRoute53 offer, which is fetched whole (selection.GLOBAL_OFFERS) and holds
every region's products, so each query is narrowed to the node's region by `regionCode`. The usage types are
**unverified** against a live file: infracost selects the ENI-hours by a usage type containing
"ResolverNetworkInterface" in product family "DNS Query" (infracost/infracost :
internal/resources/aws/route53_resolver_endpoint.go), and cost-report test data in public repositories shows it
with a region prefix (APS1-ResolverNetworkInterface, EUW3-ResolverNetworkInterface); the endpoint queries are
taken to be the region's "DNS-Queries", which infracost selects the same way and which one public test writes
"USE1-DNS-Queries". A query that matches nothing is listed as unpriced, never as $0.
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query
from ..selection import GLOBAL_REGION

KINDS = ("aws.route53resolver.endpoint",)

MIN_IP_ADDRESSES = 2  # AWS creates no endpoint with fewer


def ip_addresses(node: GraphNode) -> int:
    """The endpoint's IP addresses, one per subnet (the exporter's IpAddresses), two at least."""
    return max(MIN_IP_ADDRESSES, len(node.subnets))


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    enis = Decimal(ip_addresses(node))
    return NodeCharges(
        [
            Charge(
                f"IP address (ENI) hours ({enis} ENIs)",
                ctx.node_hours(node) * enis,
                "hours",
                query("AmazonRoute53", GLOBAL_REGION, usage="ResolverNetworkInterface", regionCode=node.region),
            ),
            Charge(
                "DNS queries through the endpoint",
                dec(node.usage["monthly_queries"]),
                "queries",
                query("AmazonRoute53", GLOBAL_REGION, usage="DNS-Queries", regionCode=node.region),
            ),
        ]
    )
