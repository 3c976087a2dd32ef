"""Cases for the storage rules (designer/advice/rules/storage/)."""

from __future__ import annotations

from typing import Any

from tests.advice.rule_cases import Case, Document
from tests.engines.design_builders import EBS, S3, doc, network, node

EFS = "aws.efs.file_system"


def bucket(**props: Any) -> Document:
    return doc(node("bucket", S3, **props))


def volume(**props: Any) -> Document:
    """A volume in the first subnet of a two-zone VPC."""
    return doc(*network(), node("volume", EBS, "subnet-a", **props))


def file_system(**props: Any) -> Document:
    """A file system with mount targets in both subnets of a two-zone VPC."""
    return doc(*network(), node("fs", EFS, **props, subnets=["subnet-a", "subnet-b"]))


CASES: list[Case] = [
    Case(
        "s3-versioning-off",
        triggers=lambda: bucket(versioning=False),
        passes=lambda: bucket(versioning=True),
        nodes=("bucket",),
        message="versioning off",
    ),
    Case(
        "s3-public-access",
        triggers=lambda: bucket(block_public_access=False),
        passes=lambda: bucket(block_public_access=True),
        nodes=("bucket",),
        message="does not block public access",
    ),
    Case(
        "ebs-unencrypted",
        triggers=lambda: volume(encrypted=False),
        passes=lambda: volume(encrypted=True),
        nodes=("volume",),
        message="not encrypted",
    ),
    Case(
        "ebs-gp2",
        triggers=lambda: volume(volume_type="gp2", size_gb=2000),
        passes=lambda: volume(volume_type="gp3", size_gb=2000),
        nodes=("volume",),
        message="gp2 volume",
    ),
    Case(
        "efs-unencrypted",
        triggers=lambda: file_system(encrypted=False),
        passes=lambda: file_system(encrypted=True),
        nodes=("fs",),
        message="not encrypted at rest",
    ),
]
