"""The VPC plan blueprint: a VPC's address range laid out as public, private and database subnets in each zone.

The plan gives each tier its subnets in turn (every zone's public subnet, then every zone's private one, then
every zone's database one), each at the first free address aligned to its size, so 10.0.0.0/16 over three zones
with /20 public and private subnets and /22 database subnets becomes 10.0.0.0/20, 10.0.16.0/20, 10.0.32.0/20
(public), 10.0.48.0/20, 10.0.64.0/20, 10.0.80.0/20 (private), 10.0.96.0/22, 10.0.100.0/22, 10.0.104.0/22
(database), and 10.0.108.0 upwards stays free for more zones or tiers.

Tiers follow the catalog: public subnets route to the internet gateway, private ones to a NAT gateway (one per
zone by default: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html recommends one in each
zone), database subnets are the catalog's "isolated" tier, routed nowhere outside the VPC. Gateway endpoints for
S3 and DynamoDB are free and keep that traffic off the NAT gateways
(https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html). AWS reserves five addresses of every
subnet and takes subnets between /16 and /28 (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
Availability Zones are left unnamed, so the template picks the region's first zones for the account deploying it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from .drawing import REGION, Drawing, zones_param
from .spec import Blueprint, Param, Params

TIERS = ("public", "private", "database")
SUBNET_TIER = {"public": "public", "private": "private", "database": "isolated"}
NAT_CHOICES = ("one-per-az", "single", "none")


class PlanDoesNotFit(ValueError):
    """The subnets asked for do not fit in the VPC's range; the message says what would."""


def _prefix(name: str, label: str, default: int) -> Param:
    return Param(
        name,
        label,
        "integer",
        default,
        help=f"The prefix length of each zone's {label.lower().removesuffix(' size')}; /20 holds 4,091 addresses "
        "(AWS keeps 5 of every subnet).",
        minimum=16,
        maximum=28,
    )


PARAMS = (
    REGION,
    Param(
        "vpc_cidr",
        "VPC CIDR",
        "cidr",
        "10.0.0.0/16",
        help="The VPC's IPv4 range, between /16 and /28. Keep it clear of your other networks.",
        minimum=16,
        maximum=28,
    ),
    zones_param(3),
    _prefix("public_prefix", "Public subnet size", 20),
    _prefix("private_prefix", "Private subnet size", 20),
    _prefix("database_prefix", "Database subnet size", 22),
    Param(
        "database_subnets",
        "Database subnets",
        "boolean",
        True,
        help="An isolated tier for databases and caches, with no route outside the VPC.",
    ),
    Param(
        "nat_gateways",
        "NAT gateways",
        "choice",
        "one-per-az",
        help="How private subnets reach the internet: a NAT gateway in each zone (a zone's outage cuts off only "
        "itself), a single one (cheaper), or none.",
        options=NAT_CHOICES,
    ),
    Param(
        "gateway_endpoints",
        "S3 and DynamoDB gateway endpoints",
        "boolean",
        True,
        help="Free private routes to S3 and DynamoDB, so that traffic does not pay for the NAT gateways.",
    ),
    Param("flow_logs", "Flow logs", "boolean", True, help="Record the VPC's traffic in CloudWatch Logs."),
)


def plan(vpc_cidr: str, azs: int, prefixes: Mapping[str, int]) -> dict[str, list[str]]:
    """Each tier's subnet CIDRs, zone by zone, for the tiers in `prefixes` (tier -> prefix length), laid out in
    the order of TIERS. PlanDoesNotFit when they do not fit in `vpc_cidr`."""
    vpc = ipaddress.IPv4Network(vpc_cidr)
    tiers = [t for t in TIERS if t in prefixes]
    found = _allocate(int(vpc.network_address), vpc.num_addresses, azs, [prefixes[t] for t in tiers])
    if found is None:
        raise PlanDoesNotFit(_too_small(vpc, azs, tiers, prefixes))
    out: dict[str, list[str]] = {}
    for i, tier in enumerate(tiers):
        out[tier] = [str(ipaddress.IPv4Network((start, prefixes[tier]))) for start in found[i * azs : (i + 1) * azs]]
    return out


def _allocate(base: int, size: int, azs: int, prefixes: list[int]) -> list[int] | None:
    """The first address of each subnet (tier by tier, zone by zone), or None when one would pass the end."""
    starts: list[int] = []
    free = base
    for prefix in prefixes:
        block = 2 ** (32 - prefix)
        for _ in range(azs):
            start = -(-free // block) * block  # the next multiple of the block's size: subnets are aligned
            if start + block > base + size:
                return None
            starts.append(start)
            free = start + block
    return starts


def _too_small(vpc: ipaddress.IPv4Network, azs: int, tiers: list[str], prefixes: Mapping[str, int]) -> str:
    sizes = [f"a /{prefixes[t]} {t}" for t in tiers]
    wanted = sizes[0] if len(sizes) == 1 else ", ".join(sizes[:-1]) + " and " + sizes[-1]
    # A VPC's range is aligned to its own size, so whether the plan fits depends only on the prefix length.
    fits = next(
        (p for p in range(vpc.prefixlen - 1, 15, -1) if _allocate(0, 2 ** (32 - p), azs, [prefixes[t] for t in tiers])),
        None,
    )
    advice = (
        f"use a /{fits} or larger" if fits is not None else "neither would a /16, so use fewer zones or smaller subnets"
    )
    return f"{vpc} cannot hold {azs} zones of {wanted} subnet each: {advice}."


def check(params: Params) -> dict[str, str]:
    try:
        plan(params["vpc_cidr"], params["azs"], prefixes_of(params))
    except PlanDoesNotFit as exc:
        return {"vpc_cidr": str(exc)}
    return {}


def prefixes_of(params: Params) -> dict[str, int]:
    prefixes = {"public": params["public_prefix"], "private": params["private_prefix"]}
    if params["database_subnets"]:
        prefixes["database"] = params["database_prefix"]
    return prefixes


def draw_network(
    d: Drawing,
    *,
    vpc_id: str,
    label: str,
    parent: str,
    cidr: str,
    azs: int,
    prefixes: Mapping[str, int],
    nat_gateways: str = "none",
    flow_logs: bool = True,
    ids: str = "",
) -> dict[str, list[str]]:
    """A VPC with a zone box per zone holding its subnets (and NAT gateways), as `plan` lays them out; an
    internet gateway when there are public subnets. Node ids start with `ids` (labels do not: `private-1` in
    each VPC). Returns each tier's subnet ids."""
    cidrs = plan(cidr, azs, prefixes)
    d.add(vpc_id, "aws.vpc.vpc", label, parent, cidr=cidr, flow_logs=flow_logs)
    if "public" in cidrs:
        d.add(f"{ids}igw", "aws.vpc.internet_gateway", f"{label}-igw", vpc_id)
    subnets: dict[str, list[str]] = {tier: [] for tier in cidrs}
    for zone in range(1, azs + 1):
        zone_id = d.add(f"{ids}az-{zone}", "aws.vpc.availability_zone", f"zone {zone}", vpc_id)
        for tier, blocks in cidrs.items():
            subnet_id = d.add(
                f"{ids}{tier}-{zone}",
                "aws.vpc.subnet",
                f"{tier}-{zone}",
                zone_id,
                cidr=blocks[zone - 1],
                tier=SUBNET_TIER[tier],
            )
            subnets[tier].append(subnet_id)
        wants_nat = nat_gateways == "one-per-az" or (nat_gateways == "single" and zone == 1)
        if wants_nat and "public" in cidrs and "private" in cidrs:
            d.add(f"{ids}nat-{zone}", "aws.vpc.nat_gateway", f"nat-{zone}", subnets["public"][-1])
    return subnets


def build(params: Params) -> dict[str, Any]:
    d = Drawing()
    d.region_box(params["region"])
    subnets = draw_network(
        d,
        vpc_id="vpc",
        label="main-vpc",
        parent="region",
        cidr=params["vpc_cidr"],
        azs=params["azs"],
        prefixes=prefixes_of(params),
        nat_gateways=params["nat_gateways"],
        flow_logs=params["flow_logs"],
    )
    if params["gateway_endpoints"]:
        for service, name in (("s3", "S3"), ("dynamodb", "DynamoDB")):
            d.add(f"{service}-endpoint", "aws.vpc.gateway_endpoint", f"{name} gateway endpoint", "vpc", service=service)
    tiers = ", ".join(f"/{p} {t}" for t, p in prefixes_of(params).items())
    nat = {"one-per-az": "a NAT gateway in each zone", "single": "one NAT gateway", "none": "no NAT gateway"}
    description = (
        f"The VPC {params['vpc_cidr']} over {params['azs']} Availability Zones with {tiers} subnets in each, "
        f"{nat[params['nat_gateways']]}"
        + (", and gateway endpoints for S3 and DynamoDB" if params["gateway_endpoints"] else "")
        + f". {sum(len(s) for s in subnets.values())} subnets; the rest of the range is free for more."
    )
    return d.document("VPC plan", description, params["region"])


BLUEPRINT = Blueprint(
    slug="vpc-plan",
    title="VPC plan",
    description="A VPC's address range laid out per Availability Zone: public, private and database subnets of "
    "the sizes you choose, NAT gateways, gateway endpoints and flow logs.",
    params=PARAMS,
    build=build,
    check=check,
)
