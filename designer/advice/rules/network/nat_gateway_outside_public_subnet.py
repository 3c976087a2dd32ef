"""A public NAT gateway must sit in a public subnet: it forwards traffic to the internet gateway through its own
subnet's route table, so in a private or isolated subnet it has no way out and the subnets routed to it have none.

Source: Amazon VPC User Guide, "NAT gateways" (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html):
"You create a public NAT gateway in a public subnet". A private NAT gateway (connectivity private) may sit anywhere.
The fix moves the gateway into the public subnet of the same AZ, when the VPC has one there.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Change, Fix, Hit, Rule
from .._helpers import name, subnets_in_az
from ._common import NAT, zone


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for nat in graph.of_kind(NAT):
        if nat.props.get("connectivity") != "public" or not nat.subnets:
            continue
        subnet = graph.node(nat.subnets[0])
        where = subnet.props.get("tier")
        if where == "public":
            continue
        message = (
            f"{name(nat)} is a public NAT gateway in the {where} subnet {name(subnet)}: it reaches the internet "
            "only from a public subnet, so the subnets routed through it have no way out."
        )
        public = subnets_in_az(graph, nat.vpc, subnet.az, "public")
        fix = (
            Fix(
                f"Move it to the public subnet {name(public[0])} of {zone(graph, subnet.az)}",
                (Change("move", nat.id, None, public[0].id),),
            )
            if public
            else None
        )
        yield Hit((nat.id,), message, fix)


RULE = Rule(
    id="nat-gateway-outside-public-subnet",
    severity="error",
    title="Public NAT gateway outside a public subnet",
    source_url="https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
    check=check,
)
