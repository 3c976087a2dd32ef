"""An RDS database or Aurora cluster with storage encryption off keeps its data, logs, automated backups, read
replicas and snapshots unencrypted on the storage underneath.

Source: Amazon RDS User Guide, "Encrypting Amazon RDS resources"
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html). Encryption is chosen when a
database is created (an existing one is only encrypted by restoring an encrypted copy of a snapshot), so the
design is where it is cheapest to get right. The fix turns it on with the default key, `aws/rds`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import DATABASES, name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind(*DATABASES):
        if not node.props["encrypted"]:
            yield Hit(
                (node.id,),
                f"{name(node)} has storage encryption off: its data, backups and snapshots are stored unencrypted, "
                "and encryption cannot be turned on after it is created.",
                set_props("Turn on encryption", node.id, encrypted=True),
            )


RULE = Rule(
    id="database-unencrypted",
    severity="error",
    title="Database storage not encrypted",
    source_url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
    check=check,
)
