"""An RDS database or Aurora cluster that keeps automated backups for less than a week can only be restored to a
point within those few days; with a retention of 0 (RDS only) it has no automated backups at all.

Source: Amazon RDS User Guide, "Backup retention period"
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html):
retention runs from 0 to 35 days, 0 turns automated backups off, and the console's default is seven days. Seven
days is the least this rule accepts, so that a problem found a week later can still be rolled back. The fix sets
seven days.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import DATABASES, name, set_props

MIN_DAYS = 7


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind(*DATABASES):
        days = int(node.props["backup_retention_days"])
        if days >= MIN_DAYS:
            continue
        if days == 0:
            message = (
                f"{name(node)} has automated backups turned off (a retention of 0 days): it cannot be restored "
                "to a point in time."
            )
        else:
            message = (
                f"{name(node)} keeps automated backups for only {days} day{'s' if days > 1 else ''}: "
                f"keep them at least {MIN_DAYS} days, so that a problem found late can still be rolled back."
            )
        yield Hit((node.id,), message, set_props(f"Keep backups {MIN_DAYS} days", node.id, backup_retention_days=7))


RULE = Rule(
    id="backup-retention-short",
    severity="warning",
    title="Database backups kept less than a week",
    source_url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html",
    check=check,
)
