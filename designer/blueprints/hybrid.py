"""The hybrid connectivity blueprint: an on-premises network reaching a shared-services VPC and workload VPCs
through a Transit Gateway, over Site-to-Site VPN, Direct Connect or both, with private DNS and private access to
AWS services.

What it draws, following "Hybrid connectivity" in the AWS whitepaper Building a Scalable and Secure Multi-VPC AWS
Network Infrastructure (https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/hybrid-connectivity.html):
- a Transit Gateway (Amazon side ASN 64512) attached to every VPC and to the VPN and/or Direct Connect; with both,
  Direct Connect carries the traffic and the VPN is the backup. The VPN uses BGP with the on-premises ASN; the
  Direct Connect connection and its association with the Transit Gateway are ordered outside CloudFormation (the
  template notes both);
- VPCs numbered from the AWS range given: the shared-services VPC takes it, each workload VPC the next block of
  the same size. Each VPC has a private subnet per zone, a sixteenth of its range (a /20 of a /16), where the
  Transit Gateway attaches;
- PrivateLink: interface VPC endpoints (the catalog's "Interface VPC endpoint", AWS PrivateLink) for the services
  listed, in the shared-services VPC, with a security group admitting HTTPS from on premises and the workload VPCs;
- DNS: a Route 53 private hosted zone for the internal domain and a Route 53 Resolver inbound endpoint through
  which on-premises resolvers query it
  (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-inbound-queries.html). The
  endpoint sits in the shared-services VPC with an IP address in the private subnets of its first two zones,
  the two addresses in two Availability Zones AWS asks for
  (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-high-availability.html),
  and no more, as each address is billed by the hour. The on-premises network is connected to it, so its security
  group admits DNS (TCP and UDP 53) from the on-premises range; the template associates the private zone with
  every VPC. Pointing the on-premises resolvers at the endpoint's addresses is left to do after deployment.
The on-premises range must not overlap the VPCs' (check refuses it), or the VPCs could not reach it.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from ..catalog import CATALOG
from .drawing import REGION, Drawing, zones_param
from .spec import Blueprint, Param, Params
from .vpc_plan import draw_network

AMAZON_ASN = 64512
CONNECTIVITY = ("vpn", "direct-connect", "vpn-and-direct-connect")
_DX = CATALOG.kinds["aws.directconnect.connection"].field("bandwidth")
_ENDPOINT = CATALOG.kinds["aws.vpc.interface_endpoint"].field("service")
_ZONE = CATALOG.kinds["aws.route53.hosted_zone"].field("domain_name")
SERVICES: tuple[str, ...] = tuple(_ENDPOINT.options) if _ENDPOINT is not None else ()

PARAMS = (
    REGION,
    Param(
        "connectivity",
        "Connectivity",
        "choice",
        "vpn-and-direct-connect",
        help="Site-to-Site VPN over the internet, a Direct Connect link, or Direct Connect with a VPN as backup.",
        options=CONNECTIVITY,
    ),
    Param(
        "dx_bandwidth",
        "Direct Connect port speed",
        "choice",
        "1Gbps",
        options=tuple(_DX.options) if _DX is not None else ("1Gbps",),
    ),
    Param(
        "workload_vpcs",
        "Workload VPCs",
        "integer",
        1,
        help="VPCs for workloads, besides the shared-services VPC.",
        minimum=1,
        maximum=4,
    ),
    zones_param(2),
    Param(
        "aws_cidr",
        "First VPC CIDR",
        "cidr",
        "10.0.0.0/16",
        help="The shared-services VPC's range; each workload VPC takes the next block of the same size.",
        minimum=16,
        maximum=24,
    ),
    Param(
        "on_premises_cidr",
        "On-premises CIDR",
        "cidr",
        "192.168.0.0/16",
        help="Your network's range; it must not overlap the VPCs'.",
        minimum=8,
        maximum=28,
    ),
    Param(
        "customer_gateway_ip",
        "Customer gateway IP",
        "string",
        "203.0.113.10",
        help="The public IPv4 address of your VPN device.",
        pattern=r"[0-9]{1,3}(\.[0-9]{1,3}){3}",
        max_length=15,
    ),
    Param(
        "on_premises_asn",
        "On-premises BGP ASN",
        "integer",
        65000,
        help=f"Your routers' autonomous system number; it must differ from the Transit Gateway's {AMAZON_ASN}.",
        minimum=1,
        maximum=4294967294,
    ),
    Param(
        "dns",
        "Private DNS",
        "boolean",
        True,
        help="A Route 53 private hosted zone and a Resolver inbound endpoint for on-premises resolvers.",
    ),
    Param(
        "domain_name",
        "Internal domain",
        "string",
        "corp.internal",
        pattern=_ZONE.pattern if _ZONE is not None else None,
        max_length=253,
    ),
    Param(
        "privatelink",
        "PrivateLink endpoints",
        "string",
        "ssm,ssmmessages,ec2messages,secretsmanager",
        help="AWS services reached through interface endpoints in the shared-services VPC, separated by commas "
        f"(any of {', '.join(SERVICES)}); empty for none.",
        max_length=400,
    ),
)


def vpc_cidrs(params: Params) -> list[str]:
    """The shared-services VPC's range, then each workload VPC's: consecutive blocks of the first one's size."""
    first = ipaddress.IPv4Network(params["aws_cidr"])
    return [
        str(ipaddress.IPv4Network((int(first.network_address) + i * first.num_addresses, first.prefixlen)))
        for i in range(params["workload_vpcs"] + 1)
    ]


def services(params: Params) -> list[str]:
    return list(dict.fromkeys(s.strip() for s in params["privatelink"].split(",") if s.strip()))


def check(params: Params) -> dict[str, str]:
    errors: dict[str, str] = {}
    first = ipaddress.IPv4Network(params["aws_cidr"])
    count = params["workload_vpcs"] + 1
    if int(first.network_address) + count * first.num_addresses > 2**32:
        errors["aws_cidr"] = f"{first} leaves no room after it for {count - 1} more VPCs of its size."
    else:
        on_premises = ipaddress.IPv4Network(params["on_premises_cidr"])
        clash = [c for c in vpc_cidrs(params) if ipaddress.IPv4Network(c).overlaps(on_premises)]
        if clash:
            errors["aws_cidr"] = (
                f"The VPCs' range {', '.join(clash)} overlaps the on-premises network {on_premises}: the VPCs could "
                "not reach those addresses. Choose an AWS range outside it."
            )
    try:
        ipaddress.IPv4Address(params["customer_gateway_ip"])
    except ValueError:
        errors["customer_gateway_ip"] = f"“{params['customer_gateway_ip']}” is not an IPv4 address."
    if params["on_premises_asn"] == AMAZON_ASN:
        errors["on_premises_asn"] = f"The on-premises ASN must differ from the Transit Gateway's ({AMAZON_ASN})."
    unknown = [s for s in services(params) if s not in SERVICES]
    if unknown:
        errors["privatelink"] = (
            f"{', '.join(u[:40] for u in unknown)}: not a service the catalog has interface endpoints for "
            f"({', '.join(SERVICES)})."
        )
    return errors


def build(params: Params) -> dict[str, Any]:
    azs, region = params["azs"], params["region"]
    connectivity = params["connectivity"]
    cidrs = vpc_cidrs(params)
    d = Drawing()
    d.add(
        "dc",
        "external.datacenter",
        "On-premises network",
        cidr=params["on_premises_cidr"],
        bgp_asn=params["on_premises_asn"],
    )
    links: list[str] = []
    if connectivity != "vpn":
        links.append(d.add("dx", "aws.directconnect.connection", "primary-dx", bandwidth=params["dx_bandwidth"]))
    if connectivity != "direct-connect":
        label = "backup-vpn" if connectivity == "vpn-and-direct-connect" else "site-to-site-vpn"
        links.append(
            d.add(
                "vpn",
                "aws.vpc.vpn_connection",
                label,
                routing="dynamic",
                customer_gateway_ip=params["customer_gateway_ip"],
                customer_bgp_asn=params["on_premises_asn"],
            )
        )
    d.region_box(region)
    d.add("tgw", "aws.ec2.transit_gateway", "core-tgw", "region", amazon_side_asn=AMAZON_ASN)
    for link in links:
        d.connect("dc", link)
        d.connect(link, "tgw")

    shared = _vpc(d, "shared", "shared-services", cidrs[0], azs)
    for n, cidr in enumerate(cidrs[1:], start=1):
        _vpc(d, f"workload-{n}", f"workload-{n}", cidr, azs)

    wanted = services(params)
    if wanted:
        rules = [
            {"direction": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": c, "description": why}
            for c, why in [(params["on_premises_cidr"], "HTTPS from on premises")]
            + [(c, f"HTTPS from workload-{n}") for n, c in enumerate(cidrs[1:], start=1)]
        ]
        d.add(
            "endpoint-sg",
            "aws.vpc.security_group",
            "endpoint-clients",
            "shared-vpc",
            description="HTTPS to the interface endpoints from on premises and the workload VPCs",
            rules=rules,
        )
        for service in wanted:
            endpoint = d.add(
                f"{service.replace('.', '-')}-endpoint",
                "aws.vpc.interface_endpoint",
                f"{service} endpoint",
                "shared-vpc",
                service=service,
                subnets=shared,
            )
            d.connect("endpoint-sg", endpoint)

    if params["dns"]:
        d.add(
            "zone",
            "aws.route53.hosted_zone",
            params["domain_name"],
            domain_name=params["domain_name"],
            private_zone=True,
        )
        d.add(
            "resolver",
            "aws.route53resolver.endpoint",
            "Route 53 Resolver inbound endpoint",
            "shared-vpc",
            subnets=shared[:2],
        )
        d.connect("dc", "resolver")
    return d.document("Hybrid connectivity", _description(params, cidrs), region)


def _vpc(d: Drawing, ids: str, label: str, cidr: str, azs: int) -> list[str]:
    vpc_id = f"{ids}-vpc"
    prefix = ipaddress.IPv4Network(cidr).prefixlen + 4
    subnets = draw_network(
        d,
        vpc_id=vpc_id,
        label=label,
        parent="region",
        cidr=cidr,
        azs=azs,
        prefixes={"private": prefix},
        ids=f"{ids}-",
    )
    d.connect("tgw", vpc_id)
    return subnets["private"]


def _description(params: Params, cidrs: list[str]) -> str:
    over = {
        "vpn": "a Site-to-Site VPN",
        "direct-connect": f"a {params['dx_bandwidth']} Direct Connect link",
        "vpn-and-direct-connect": f"a {params['dx_bandwidth']} Direct Connect link with a Site-to-Site VPN as backup",
    }[params["connectivity"]]
    text = (
        f"The on-premises network {params['on_premises_cidr']} reaches a shared-services VPC ({cidrs[0]}) and "
        f"{len(cidrs) - 1} workload VPC{'s' if len(cidrs) > 2 else ''} ({', '.join(cidrs[1:])}) through a Transit "
        f"Gateway over {over}."
    )
    if services(params):
        text += f" Interface endpoints (PrivateLink) keep {', '.join(services(params))} traffic private."
    if params["dns"]:
        text += (
            f" A private hosted zone names {params['domain_name']}, resolved on premises through a Route 53 "
            "Resolver inbound endpoint."
        )
    return text


BLUEPRINT = Blueprint(
    slug="hybrid",
    title="Hybrid connectivity",
    description="Your data center connected to AWS over Site-to-Site VPN and/or Direct Connect through a Transit "
    "Gateway, with a shared-services VPC, workload VPCs, private DNS and PrivateLink endpoints.",
    params=PARAMS,
    build=build,
    check=check,
)
