"""An EC2 instance with a public IPv4 address in a public subnet can be reached from the internet on whatever
its security groups leave open; servers are best kept in private subnets behind a load balancer, and reached
for administration with Session Manager rather than SSH from the internet.

Source: AWS Config managed rule ec2-instance-no-public-ip
(https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-no-public-ip.html). An instance gets a
public address when it asks for one (`public_ip`) or when its public subnet assigns one on launch. The fix turns
`public_ip` off, and is offered only when that is the cause and no users connect to the instance directly (a
design that serves the internet from the instance needs a load balancer first, which is not mechanical).
Instances drawn inside an Auto Scaling group only illustrate its members and are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph, GraphNode
from ...model import Fix, Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.ec2.instance"):
        if node.parent is not None and graph.node(node.parent).kind == "aws.autoscaling.group":
            continue  # it illustrates a member of the group, which launches it
        public = [graph.node(s) for s in node.subnets if graph.node(s).props.get("tier") == "public"]
        if not public:
            continue  # no route from the internet, so the address is unreachable
        by_subnet = any(s.props.get("map_public_ip_on_launch") for s in public)
        if not (node.props["public_ip"] or by_subnet):
            continue
        served = any(graph.node(e.source).kind == "external.users" for e in graph.incoming(node.id))
        if served:
            advice = "users reach it directly; put a load balancer in front and move it to a private subnet."
        else:
            advice = "move it to a private subnet and reach it through Session Manager."
        yield Hit(
            (node.id,),
            f"{name(node)} has a public IP address in a public subnet: {advice}",
            _fix(node, by_subnet, served),
        )


def _fix(node: GraphNode, by_subnet: bool, served: bool) -> Fix | None:
    if by_subnet or served:
        return None
    return set_props("Remove its public IP address", node.id, public_ip=False)


RULE = Rule(
    id="ec2-public-ip",
    severity="warning",
    title="EC2 instance with a public IP address",
    source_url="https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-no-public-ip.html",
    check=check,
)
