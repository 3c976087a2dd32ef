"""An internet-facing Application Load Balancer should serve HTTPS and redirect plain HTTP to it: an HTTP listener
sends requests, cookies and credentials across the internet in clear text.

Source: AWS Security Hub control ELB.1, "Application Load Balancer should be configured to redirect all HTTP
requests to HTTPS" (https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html). In the catalog a
load balancer has one listener; with HTTPS, `redirect_http_to_https` adds a port 80 listener that redirects, so the
rule fires on an HTTP listener. The fix makes the listener HTTPS on 443 with the redirect; the exported template
then asks for an ACM certificate as a parameter.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.elb.application_load_balancer"):
        if node.props.get("scheme") != "internet-facing" or node.props.get("listener_protocol") != "HTTP":
            continue
        message = (
            f"{name(node)} faces the internet with a plain HTTP listener on port {node.props.get('listener_port')}: "
            "requests travel unencrypted. Listen on HTTPS with an ACM certificate and redirect HTTP to it."
        )
        fix = set_props(
            "Listen on HTTPS 443 and redirect HTTP",
            node.id,
            listener_protocol="HTTPS",
            listener_port=443,
            redirect_http_to_https=True,
        )
        yield Hit((node.id,), message, fix)


RULE = Rule(
    id="internet-facing-load-balancer-without-https",
    severity="warning",
    title="Internet-facing load balancer without HTTPS",
    source_url="https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html",
    check=check,
)
