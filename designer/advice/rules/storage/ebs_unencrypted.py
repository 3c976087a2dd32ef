"""An EBS volume should be encrypted: encryption covers the data at rest on the volume, the data moving between
the volume and its instance, and every snapshot taken of it, with no change to the instance's software.

Source: Amazon EBS User Guide, "Amazon EBS encryption"
(https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html). A volume is encrypted when it is created
(an existing one only by copying a snapshot with encryption), so the design is where to choose it. The fix turns it
on with the default key, `aws/ebs`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.ebs.volume"):
        if not node.props["encrypted"]:
            yield Hit(
                (node.id,),
                f"{name(node)} is not encrypted: its data and every snapshot of it are stored unencrypted.",
                set_props("Turn on encryption", node.id, encrypted=True),
            )


RULE = Rule(
    id="ebs-unencrypted",
    severity="error",
    title="EBS volume not encrypted",
    source_url="https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
    check=check,
)
