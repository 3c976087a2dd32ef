"""Right-sizing: an instance or Auto Scaling group whose usage says it idles (average CPU 10% or less) moves one
size down in its family, which halves its vCPUs and memory and, roughly, its price.

Source: the Trusted Advisor check "Low utilization Amazon EC2 instances" (daily CPU at 10% or less), in AWS
Trusted Advisor's cost optimization checks (https://docs.aws.amazon.com/awssupport/latest/user/cost-optimization-checks.html).
The usage's `average_cpu_percent` is the user's figure from CloudWatch (50% when not given, which suggests
nothing). Memory use is not known: the message says to check it. A size the catalog does not offer for the
family (m5.medium) is not suggested.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...graph import ArchitectureGraph
from ._common import instances, label, offered, set_props
from .model import Candidate

SOURCE = "https://docs.aws.amazon.com/awssupport/latest/user/cost-optimization-checks.html"
IDLE = 10
HALF = {
    "small": "micro",
    "medium": "small",
    "large": "medium",
    "xlarge": "large",
    "2xlarge": "xlarge",
    "4xlarge": "2xlarge",
    "8xlarge": "4xlarge",
    "16xlarge": "8xlarge",
    "24xlarge": "12xlarge",
    "32xlarge": "16xlarge",
    "48xlarge": "24xlarge",
}


def smaller(instance_type: str) -> str | None:
    """`m6i.xlarge` -> `m6i.large`: the next size down (half the vCPUs), or None."""
    family, _, size = instance_type.partition(".")
    target = HALF.get(size)
    return f"{family}.{target}" if target else None


def candidates(graph: ArchitectureGraph) -> Iterator[Candidate]:
    for node in graph.of_kind("aws.ec2.instance", "aws.autoscaling.group"):
        cpu = node.usage.get("average_cpu_percent")
        if cpu is None or float(cpu) > IDLE:
            continue
        field = "instance_type" if node.kind == "aws.ec2.instance" else "instance_types"
        current = [str(t) for t in node.props[field]] if field == "instance_types" else [str(node.props[field])]
        targets = [smaller(t) for t in current]
        if not current or not all(t is not None and offered(node, field, t) for t in targets):
            continue
        value: object = targets if field == "instance_types" else targets[0]
        yield Candidate(
            id=f"right-size:{node.id}",
            kind="right-size",
            title=f"A smaller size for {label(node)}: {current[0]} -> {targets[0]}",
            message=f"{label(node)} averages {cpu}% CPU: {targets[0]} has half the vCPUs and memory (check its "
            "memory use first).",
            nodes=(node.id,),
            fix=set_props(f"Use {', '.join(str(t) for t in targets)}", node.id, **{field: value}),
            source_url=SOURCE,
            per=instances(node),
        )
