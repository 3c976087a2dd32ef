"""A CloudWatch log group set to keep logs forever grows for as long as the workload writes to it, and its
storage is billed every month for every byte it ever received.

Source: Amazon CloudWatch Logs API Reference, PutRetentionPolicy
(https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html): with a
retention policy, events older than it are deleted and no longer add to storage costs. A `retention_days` of 0
is "never expire". The log groups the exported template writes for Lambda functions, ECS services and state
machines keep 30 days, and the design has no retention property for them, so only log group nodes are checked.
The fix keeps a year (365 days), the retention the AWS Config rule cw-loggroup-retention-period-check asks for
by default (https://docs.aws.amazon.com/config/latest/developerguide/cw-loggroup-retention-period-check.html),
so logs someone chose to keep forever are not cut short.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.cloudwatch.log_group"):
        if node.props["retention_days"] == 0:
            yield Hit(
                (node.id,),
                f"{name(node)} keeps logs forever: its storage, and its bill, grow every month.",
                set_props("Keep logs for a year", node.id, retention_days=365),
            )


RULE = Rule(
    id="log-retention-unset",
    severity="info",
    title="Log group keeps logs forever",
    source_url="https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html",
    check=check,
)
