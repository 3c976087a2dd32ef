"""How a diagram looks: the icon of each kind (the AWS Architecture Icons that ship with `diagrams`), the boxes
of containers, and the fonts, colours and spacing, in one place for both layouts and the draw.io export.

Group colours follow AWS's architecture diagram conventions: a Region's dashed teal border, a VPC's purple,
an Availability Zone's dashed blue, public subnets green, private subnets blue, isolated ones grey.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import diagrams

from ..catalog import CATALOG

ICONS = Path(diagrams.__file__).resolve().parent.parent / "resources"
FONT = "Helvetica"
TEXT = "#232F3E"
MUTED = "#545B64"
EDGE = "#7B8894"


@dataclass(frozen=True)
class Box:
    """A container's box: its border, fill, whether the border is dashed, and the small icon in its title."""

    pen: str
    fill: str
    dashed: bool = False
    icon: str | None = None


_BOXES: dict[str, Box] = {
    "aws.region": Box("#00A4A6", "#FFFFFF", dashed=True, icon="aws/general/general.png"),
    "aws.vpc.vpc": Box("#8C4FFF", "#FFFFFF", icon="aws/network/vpc.png"),
    "aws.vpc.availability_zone": Box("#147EBA", "#FFFFFF", dashed=True),
    "aws.ecs.cluster": Box("#ED7100", "#FFF8F0", icon="aws/compute/elastic-container-service.png"),
    "aws.autoscaling.group": Box("#ED7100", "#FFFFFF", dashed=True, icon="aws/compute/ec2-auto-scaling.png"),
}
_SUBNETS = {
    "public": Box("#7AA116", "#F2F8EC", icon="aws/network/public-subnet.png"),
    "private": Box("#00A4A6", "#EAF6F7", icon="aws/network/private-subnet.png"),
    "isolated": Box("#7D8998", "#F4F5F6", icon="aws/network/private-subnet.png"),
}
_DEFAULT_BOX = Box("#AEB6BE", "#FFFFFF")


def box(kind: str, tier: str | None = None) -> Box:
    if kind == "aws.vpc.subnet":
        return _SUBNETS.get(tier or "private", _SUBNETS["private"])
    return _BOXES.get(kind, _DEFAULT_BOX)


@cache
def icon_path(kind: str) -> str:
    """The absolute path of a kind's icon file."""
    spec = CATALOG.get(kind)
    relative = spec.icon if spec is not None else "aws/general/general.png"
    path = ICONS / relative
    return str(path if path.is_file() else ICONS / "aws/general/general.png")


def relative_icon(path: str | None) -> str | None:
    return str(ICONS / path) if path and (ICONS / path).is_file() else None
