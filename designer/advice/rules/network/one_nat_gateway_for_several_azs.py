"""Private subnets should reach the internet through a NAT gateway in their own Availability Zone: when they share
one in another zone, an outage of that zone cuts them off too, and their traffic pays for crossing zones.

Source: Amazon VPC User Guide, "NAT gateways" (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html):
"To create an Availability Zone-independent architecture, create a NAT gateway in each Availability Zone and
configure your routing to ensure that resources use the NAT gateway in the same Availability Zone."

Assumptions: only public NAT gateways count; as in the template export, a private subnet routes to the NAT gateway
of its own AZ box, else to the VPC's first one, which is the node the finding names. The rule fires when some AZ
holding private subnets has no NAT gateway while another has one (a VPC with none at all is the concern of
private-subnet-without-route-out). The fix adds a NAT gateway to the public subnet of each such zone, when every one
of them has a public subnet; each costs an hourly charge.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import SUBNET, VPC, ArchitectureGraph
from ...model import Fix, Hit, Rule
from .._helpers import name, subnets_in_az
from ._common import NAT, free_position, listing, new_node, public_nat_gateways, quoted, unique_id, zone, zone_order


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for vpc in graph.of_kind(VPC):
        nats = public_nat_gateways(graph, vpc.id)
        if not nats:
            continue
        covered = {n.az for n in nats}
        private = [s for s in graph.of_kind(SUBNET) if s.vpc == vpc.id and s.props.get("tier") == "private"]
        stranded = [s for s in private if s.az is not None and s.az not in covered]
        if not stranded:
            continue
        zones = sorted({s.az for s in stranded if s.az}, key=lambda z: zone_order(graph, z))
        serving = nats[0]
        subnets = "subnets" if len(stranded) > 1 else "subnet"
        message = (
            f"{name(serving)} in {zone(graph, serving.az)} also serves the private {subnets} {quoted(stranded)} in "
            f"{listing(zone(graph, z) for z in zones)}: if its zone fails they lose their way out. "
            "Give each Availability Zone its own NAT gateway."
        )
        yield Hit((serving.id,), message, _fix(graph, vpc.id, zones))


def _fix(graph: ArchitectureGraph, vpc_id: str, zones: list[str]) -> Fix | None:
    taken: set[str] = set()
    changes = []
    for az_id in zones:
        public = subnets_in_az(graph, vpc_id, az_id, "public")
        if not public:
            return None
        subnet = public[0]
        node_id = unique_id(graph, f"nat-{subnet.id}", taken)
        label = f"NAT gateway ({zone(graph, az_id)})"
        changes.append(new_node(node_id, NAT, label, subnet.id, free_position(graph, subnet.id), connectivity="public"))
    title = "Add a NAT gateway in " + listing(zone(graph, z) for z in zones)
    return Fix(title, tuple(changes))


RULE = Rule(
    id="one-nat-gateway-for-several-azs",
    severity="warning",
    title="Private subnets depend on a NAT gateway in another Availability Zone",
    source_url="https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
    check=check,
)
