"""Things outside AWS that a design connects to: people on the internet and on-premises networks."""

from __future__ import annotations

from .fields import cidr, integer, string
from .spec import Kind

USERS = "external.users"
DATACENTER = "external.datacenter"

KINDS = [
    Kind(
        kind=USERS,
        label="Users / Internet",
        category="external",
        service="Internet",
        description="People and systems reaching the design over the public internet.",
        icon="aws/general/users.png",
        cfn_types=(),
        at_root=True,
        keywords=("users", "clients", "internet", "public"),
    ),
    Kind(
        kind=DATACENTER,
        label="On-premises data center",
        category="external",
        service="On-premises",
        description="Your own network, reached over Site-to-Site VPN or Direct Connect.",
        icon="generic/place/datacenter.png",
        cfn_types=(),
        at_root=True,
        props=(
            cidr("cidr", "Network CIDR", "192.168.0.0/16"),
            string("location", "Location", "", max_length=255),
            integer("bgp_asn", "BGP ASN", 65000, minimum=1, maximum=4294967294),
        ),
        keywords=("on-premises", "datacenter", "hybrid", "corporate network"),
    ),
]
