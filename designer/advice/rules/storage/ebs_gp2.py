"""A gp2 volume's performance is tied to its size (3 IOPS per GiB, bursting to 3,000 while credits last);
gp3 costs less per GB and includes 3,000 IOPS and 125 MiB/s at any size, with more bought separately.

Source: Amazon EBS User Guide, "General Purpose SSD volumes"
(https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html). The fix keeps what the gp2 volume
sustains: its baseline IOPS (3 per GiB, at most gp2's 16,000) where that is above gp3's included 3,000, and
250 MiB/s, gp2's most, from 334 GiB, where gp2 reaches it without burst credits. Root volumes of instances are
the compute rules' concern.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph, GraphNode
from ...model import Fix, Hit, Rule
from .._helpers import name, set_props

GP2_IOPS_PER_GIB = 3
GP2_MAX_IOPS = 16000
GP2_MAX_THROUGHPUT_FROM_GIB = 334
GP2_MAX_THROUGHPUT = 250
GP3_INCLUDED_IOPS = 3000
GP3_INCLUDED_THROUGHPUT = 125


def _fix(node: GraphNode) -> Fix:
    size = int(node.props["size_gb"])
    iops = max(GP3_INCLUDED_IOPS, min(GP2_IOPS_PER_GIB * size, GP2_MAX_IOPS))
    throughput = GP2_MAX_THROUGHPUT if size >= GP2_MAX_THROUGHPUT_FROM_GIB else GP3_INCLUDED_THROUGHPUT
    return set_props("Switch to gp3", node.id, volume_type="gp3", iops=iops, throughput_mbps=throughput)


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.ebs.volume"):
        if node.props["volume_type"] == "gp2":
            yield Hit(
                (node.id,),
                f"{name(node)} is a gp2 volume: gp3 costs less per GB and includes 3,000 IOPS and 125 MiB/s "
                "at any size.",
                _fix(node),
            )


RULE = Rule(
    id="ebs-gp2",
    severity="warning",
    title="EBS volume on gp2",
    source_url="https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html",
    check=check,
)
