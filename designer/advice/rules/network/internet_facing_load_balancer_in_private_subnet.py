"""An internet-facing load balancer must sit in public subnets: its nodes get public addresses, but in a private
or isolated subnet the route table has no internet gateway, so requests from the internet never arrive.

Source: Elastic Load Balancing, "Application Load Balancers", subnets for your load balancer
(https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html): the load
balancer creates its nodes in the subnets you choose; an internet-facing one is reached over those subnets' route
to the internet. The same holds for a Network Load Balancer. The fix re-places it in the public subnet of each
zone, when every zone it uses has one (an internal scheme is the other remedy, a design decision).
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name
from ._common import LOAD_BALANCERS, quoted, retier_fix


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind(*LOAD_BALANCERS):
        if node.props.get("scheme") != "internet-facing":
            continue
        inner = [graph.node(s) for s in node.subnets if graph.node(s).props.get("tier") != "public"]
        if not inner:
            continue
        message = (
            f"{name(node)} is internet-facing but sits in {quoted(inner)}, which "
            f"{'has' if len(inner) == 1 else 'have'} no route from the internet: "
            "place it in public subnets, or make it internal."
        )
        fix = retier_fix(graph, node, ("private", "isolated"), ("public",), "Place it in the public subnets")
        yield Hit((node.id,), message, fix)


RULE = Rule(
    id="internet-facing-load-balancer-in-private-subnet",
    severity="error",
    title="Internet-facing load balancer in a private subnet",
    source_url="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html",
    check=check,
)
