"""An S3 bucket without versioning loses an object for good when it is overwritten or deleted, by a person or by
a faulty application.

Source: Amazon S3 User Guide, "Retaining multiple versions of objects with S3 Versioning"
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html): with versioning, a delete leaves a delete
marker and an overwrite a new version, and the previous version can be restored. Every version is stored and
billed as a whole object. The fix turns versioning on.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.s3.bucket"):
        if not node.props["versioning"]:
            yield Hit(
                (node.id,),
                f"{name(node)} has versioning off: an object overwritten or deleted by mistake cannot be recovered.",
                set_props("Turn on versioning", node.id, versioning=True),
            )


RULE = Rule(
    id="s3-versioning-off",
    severity="warning",
    title="S3 bucket without versioning",
    source_url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
    check=check,
)
