"""ECS service on Fargate: vCPU-hours and GB-hours of its tasks, x86 or Arm. On the EC2 launch type the
tasks run on container instances, which are priced where they are drawn (EC2 instances or a group).

Selection (FORMAT.md section 4 "Fargate"): AmazonECS "Compute", usage Fargate-vCPU-Hours:perCPU and
Fargate-GB-Hours (Fargate-ARM-... for Arm). Source: https://aws.amazon.com/fargate/pricing/. Fargate is
covered by Compute Savings Plans.
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.ecs.service",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p = node.props
    if p["launch_type"] == "EC2":
        return NodeCharges(free="EC2 launch type: its container instances are priced where they are drawn")
    term, note = ctx.term_of(node, reserved=False)
    tasks = dec(p["desired_count"])
    hours = ctx.node_hours(node) * tasks
    vcpu = dec(p["cpu"]) / 1024
    memory_gb = dec(p["memory_mib"]) / 1024
    arm = p["architecture"] == "arm64"
    prefix = "Fargate-ARM-" if arm else "Fargate-"
    arch = "Arm" if arm else "x86"
    return (
        NodeCharges(
            [
                Charge(
                    f"vCPU-hours ({tasks.normalize():f} tasks × {vcpu.normalize():f} vCPU, {arch}, {term.label()})",
                    vcpu * hours,
                    "vCPU-hours",
                    query("AmazonECS", node.region, family="Compute", usage=f"{prefix}vCPU-Hours:perCPU"),
                    term,
                    note=note,
                ),
                Charge(
                    f"GB-hours ({tasks.normalize():f} tasks × {memory_gb.normalize():f} GB, {arch}, {term.label()})",
                    memory_gb * hours,
                    "GB-hours",
                    query("AmazonECS", node.region, family="Compute", usage=f"{prefix}GB-Hours"),
                    term,
                    note=note,
                ),
            ]
        )
        if tasks
        else NodeCharges(free="desired count is 0")
    )
