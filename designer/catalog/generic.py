"""A CloudFormation resource the catalog has no kind for, kept as it was so a round trip through the designer
writes it back unchanged. Import creates these."""

from __future__ import annotations

from .fields import SUBNET, string
from .network import AZ, REGION, VPC
from .spec import CFN_TYPE_PATTERN, Kind

GENERIC = "aws.cloudformation.resource"

KINDS = [
    Kind(
        kind=GENERIC,
        label="CloudFormation resource",
        category="other",
        service="AWS CloudFormation",
        description="A resource from an imported template that the designer has no component for. It is "
        "written back to the template exactly as it was imported.",
        icon="aws/management/cloudformation.png",
        cfn_types=(),
        parents=(REGION, VPC, AZ, SUBNET),
        at_root=True,
        props=(
            string(
                "type",
                "Resource type",
                "AWS::CloudFormation::WaitConditionHandle",
                max_length=200,
                pattern=CFN_TYPE_PATTERN,
            ),
        ),
        keywords=("cloudformation", "generic", "imported", "other"),
    ),
]
