"""An RDS database or Aurora cluster without deletion protection can be deleted by one mistaken action in the
console, the API or a CloudFormation stack update.

Source: Amazon RDS User Guide, "Deleting a DB instance"
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html): a protected database cannot be
deleted until the protection is turned off, which causes no outage. For Aurora the setting belongs to the cluster,
as it does in the design. The fix turns it on; it costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import DATABASES, name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind(*DATABASES):
        if not node.props["deletion_protection"]:
            yield Hit(
                (node.id,),
                f"{name(node)} has no deletion protection: a single mistaken delete or stack update removes it.",
                set_props("Turn on deletion protection", node.id, deletion_protection=True),
            )


RULE = Rule(
    id="deletion-protection-off",
    severity="info",
    title="Database without deletion protection",
    source_url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html",
    check=check,
)
