"""A Lambda function attached to a public subnet has no internet access: its network interface never gets a public
address, and the public subnet routes to the internet gateway rather than to a NAT gateway, so its calls out are
dropped.

Source: AWS Lambda Developer Guide, "Giving Lambda functions access to resources in an Amazon VPC"
(https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html): functions connected to a VPC reach the
internet through a NAT gateway from private subnets. The fix re-places the function in the private subnet of each
zone it uses (isolated ones would not help), when every such zone has one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name
from ._common import quoted, retier_fix


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.lambda.function"):
        public = [graph.node(s) for s in node.subnets if graph.node(s).props.get("tier") == "public"]
        if not public:
            continue
        message = (
            f"{name(node)} is attached to the public subnet{'s' if len(public) > 1 else ''} {quoted(public)}: "
            "a function never gets a public IP, so it cannot reach the internet from there. Use private subnets "
            "with a NAT gateway."
        )
        fix = retier_fix(graph, node, ("public",), ("private",), "Attach it to the private subnets")
        yield Hit((node.id,), message, fix)


RULE = Rule(
    id="lambda-in-public-subnet",
    severity="warning",
    title="Lambda function in a public subnet",
    source_url="https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
    check=check,
)
