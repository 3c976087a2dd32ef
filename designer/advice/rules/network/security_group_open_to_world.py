"""A security group should let the whole internet in on web ports only: every other port open to 0.0.0.0/0 (SSH,
RDP, database ports…) invites scanning, brute force and exploits of whatever listens there.

Source: AWS Config managed rule vpc-sg-open-only-to-authorized-ports, whose default authorized TCP ports are 80
and 443 (https://docs.aws.amazon.com/config/latest/developerguide/vpc-sg-open-only-to-authorized-ports.html); it is
Security Hub's control EC2.18. Assumptions: a rule is open to the world when its CIDR is 0.0.0.0/0 (or ::/0, should
the catalog ever take IPv6); ICMP rules are left alone (they carry ICMP types, not ports, and path MTU discovery
needs some of them). The fix removes the offending rules, highest index first so the indexes stay right.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ....graph import ArchitectureGraph
from ...model import Change, Fix, Hit, Rule
from .._helpers import name
from ._common import listing

ANYWHERE = ("0.0.0.0/0", "::/0")
WEB_PORTS = (80, 443)

# Well-known ports a message names rather than numbers alone.
PORT_NAMES: dict[int, str] = {
    20: "FTP data",
    21: "FTP",
    22: "SSH",
    23: "Telnet",
    25: "SMTP",
    53: "DNS",
    135: "Windows RPC",
    139: "NetBIOS",
    445: "SMB",
    1433: "SQL Server",
    1521: "Oracle",
    2049: "NFS",
    2375: "Docker API",
    3306: "MySQL",
    3389: "RDP",
    5432: "PostgreSQL",
    5900: "VNC",
    6379: "Redis",
    9200: "Elasticsearch",
    11211: "Memcached",
    27017: "MongoDB",
}


def port_range(rule: Mapping[str, Any]) -> tuple[int, int]:
    """The ports a rule opens; protocol -1 (every protocol) opens them all whatever its port fields say."""
    if rule.get("protocol") == "-1":
        return 0, 65535
    return max(int(rule.get("from_port", 0)), 0), max(int(rule.get("to_port", 65535)), 0)


def describe(low: int, high: int) -> str:
    if low == high:
        return f"{PORT_NAMES[low]} ({low})" if low in PORT_NAMES else f"port {low}"
    if low == 0 and high == 65535:
        return "every port"
    inside = [f"{PORT_NAMES[p]} {p}" for p in sorted(PORT_NAMES) if low <= p <= high][:3]
    return f"ports {low}–{high}" + (f" (including {', '.join(inside)})" if inside else "")


def open_to_world(rule: Mapping[str, Any]) -> bool:
    if rule.get("direction") != "ingress" or rule.get("cidr") not in ANYWHERE or rule.get("protocol") == "icmp":
        return False
    low, high = port_range(rule)
    return not (low == high and low in WEB_PORTS)


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for group in graph.of_kind("aws.vpc.security_group"):
        rules = list(group.props.get("rules") or ())
        offending = [i for i, rule in enumerate(rules) if open_to_world(rule)]
        if not offending:
            continue
        ports = list(dict.fromkeys(describe(*port_range(rules[i])) for i in offending))
        message = (
            f"{name(group)} lets anyone on the internet reach {listing(ports)}: open only 80 and 443 to 0.0.0.0/0, "
            "and admin or database ports to known address ranges (or use Session Manager)."
        )
        fix = Fix(
            "Remove the rules open to the internet",
            tuple(Change("remove_item", group.id, "props.rules", i) for i in sorted(offending, reverse=True)),
        )
        yield Hit((group.id,), message, fix)


RULE = Rule(
    id="security-group-open-to-world",
    severity="error",
    title="Security group open to the internet beyond web ports",
    source_url="https://docs.aws.amazon.com/config/latest/developerguide/vpc-sg-open-only-to-authorized-ports.html",
    check=check,
)
