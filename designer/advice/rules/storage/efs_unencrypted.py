"""An EFS file system should be encrypted at rest: its data and metadata are then encrypted with a KMS key,
transparently to the clients that mount it.

Source: Amazon EFS User Guide, "Encrypting data at rest"
(https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html): encryption is chosen when a file system is
created and cannot be changed afterwards (the data must be copied to a new, encrypted file system). The fix turns
it on with the default key, `aws/elasticfilesystem`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.efs.file_system"):
        if not node.props["encrypted"]:
            yield Hit(
                (node.id,),
                f"{name(node)} is not encrypted at rest, and a file system cannot be encrypted after it is created.",
                set_props("Turn on encryption", node.id, encrypted=True),
            )


RULE = Rule(
    id="efs-unencrypted",
    severity="error",
    title="EFS file system not encrypted",
    source_url="https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html",
    check=check,
)
