"""A DynamoDB table without point-in-time recovery cannot be rolled back after a bad write or delete: only
on-demand backups, if someone took them, are left.

Source: Amazon DynamoDB Developer Guide, "Enable point-in-time recovery in DynamoDB"
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html): PITR
keeps continuous backups and restores the table to any second of its recovery period (up to 35 days). It is
charged by the table's size (the cost effect shows how much). The fix turns on the design's
`point_in_time_recovery`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.dynamodb.table"):
        if not node.props["point_in_time_recovery"]:
            yield Hit(
                (node.id,),
                f"{name(node)} has point-in-time recovery off: a bad write or delete cannot be undone by "
                "restoring the table to the second before it.",
                set_props("Turn on point-in-time recovery", node.id, point_in_time_recovery=True),
            )


RULE = Rule(
    id="dynamodb-without-pitr",
    severity="warning",
    title="DynamoDB table without point-in-time recovery",
    source_url="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html",
    check=check,
)
