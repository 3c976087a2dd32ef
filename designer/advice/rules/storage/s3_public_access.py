"""An S3 bucket should keep Block Public Access on: without it, one bucket policy or ACL that grants access to
everyone puts its objects on the internet.

Source: Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage"
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html). The design's
`block_public_access` stands for all four settings (public ACLs and public policies blocked and ignored).
Content meant for the public is better served through a CloudFront distribution with origin access control, which
works with public access blocked. The fix turns the block on.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.s3.bucket"):
        if not node.props["block_public_access"]:
            yield Hit(
                (node.id,),
                f"{name(node)} does not block public access: a single bucket policy or ACL can make its objects "
                "public. Serve public content through CloudFront instead.",
                set_props("Block public access", node.id, block_public_access=True),
            )


RULE = Rule(
    id="s3-public-access",
    severity="error",
    title="S3 bucket without Block Public Access",
    source_url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    check=check,
)
