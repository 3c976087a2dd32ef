"""gp3 instead of gp2: the same or better baseline (3,000 IOPS, 125 MiB/s whatever the size) at a lower price per
GB-month, for EBS volumes, the root volumes of instances and Auto Scaling groups, and RDS storage.

Source: Amazon EBS volume types (https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type).
A gp2 volume larger than 1 TB has more than 3,000 baseline IOPS (3 per GB); its gp3 replacement keeps them
(provisioned IOPS are priced above 3,000), so the comparison stays like for like.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...graph import ArchitectureGraph, GraphNode
from ._common import instances, label, set_props
from .model import Candidate

SOURCE = "https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type"
FIELDS = {
    "aws.ebs.volume": "volume_type",
    "aws.ec2.instance": "root_volume_type",
    "aws.autoscaling.group": "root_volume_type",
    "aws.rds.instance": "storage_type",
}


def candidates(graph: ArchitectureGraph) -> Iterator[Candidate]:
    for node in graph.nodes.values():
        field = FIELDS.get(node.kind)
        if field is None or node.props.get(field) != "gp2":
            continue
        values: dict[str, object] = {field: "gp3"}
        if node.kind == "aws.ebs.volume":
            values["iops"] = max(3000, min(16000, 3 * int(node.props.get("size_gb", 0))))
        yield _candidate(node, field, values)


def _candidate(node: GraphNode, field: str, values: dict[str, object]) -> Candidate:
    what = "storage" if field == "storage_type" else "root volume" if field.startswith("root") else "volume"
    return Candidate(
        id=f"gp3:{node.id}",
        kind="gp3",
        title=f"gp3 for {label(node)}'s {what}",
        message=f"{label(node)}'s {what} is gp2; gp3 costs less for the same baseline performance.",
        nodes=(node.id,),
        fix=set_props(f"Switch its {what} to gp3", node.id, **values),
        source_url=SOURCE,
        per=instances(node) if node.kind != "aws.ebs.volume" else 1,
    )
